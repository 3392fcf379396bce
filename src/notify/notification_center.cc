#include "notify/notification_center.h"

#include <map>

#include "access/access.h"

namespace tongban::notify {

namespace {

struct Template {
  std::string title, body;
};

// Written for a reader of each language, not translated word by word. {service} is the
// catalogue item's name in the reader's language, {case_no} the case number. In-app messages
// never ask the reader to sign in: they are read signed in.
const std::map<std::string, std::map<std::string, Template>>& Templates() {
  static const std::map<std::string, std::map<std::string, Template>> k = {
      {"case_received",
       {
           {"zh-CN",
            {"{service}：申请已收到",
             "我们已收到您的申请（办件编号 "
             "{case_no}）。办理有结果或需要您补充材料时，会在这里通知您。"}},
           {"en",
            {"{service}: application received",
             "We have received your application {case_no}. We will tell you here when it is "
             "decided or if anything more is needed."}},
           {"it",
            {"{service}: domanda ricevuta",
             "Abbiamo ricevuto la Sua domanda {case_no}. La avviseremo qui quando sarà decisa o se "
             "servirà altro."}},
           {"es",
            {"{service}: solicitud recibida",
             "Hemos recibido tu solicitud {case_no}. Te avisaremos aquí cuando se resuelva o si "
             "hace falta algo más."}},
           {"fr",
            {"{service} : demande reçue",
             "Nous avons bien reçu votre demande {case_no}. Nous vous préviendrons ici dès qu’une "
             "décision sera prise ou s’il manque quelque chose."}},
           {"pt",
            {"{service}: pedido recebido",
             "Recebemos o seu pedido {case_no}. Avisaremos aqui quando houver uma decisão ou se "
             "for preciso mais alguma coisa."}},
           {"de",
            {"{service}: Antrag eingegangen",
             "Wir haben Ihren Antrag {case_no} erhalten. Wir melden uns hier, sobald entschieden "
             "ist oder noch etwas fehlt."}},
       }},
      {"case_supplement",
       {
           {"zh-CN",
            {"{service}：需要补充材料",
             "办件 {case_no}，办理单位提出：“{note}”请打开办件页面提交补充材料。"}},
           {"en",
            {"{service}: more documents needed",
             "For application {case_no} the office asks: “{note}” Open the case to send them."}},
           {"it",
            {"{service}: servono altri documenti",
             "Per la domanda {case_no} l’ufficio chiede: «{note}» Apra la pratica per inviarli."}},
           {"es",
            {"{service}: faltan documentos",
             "Para la solicitud {case_no}, la oficina pide: «{note}» Abre el expediente para "
             "enviarlos."}},
           {"fr",
            {"{service} : documents complémentaires demandés",
             "Pour la demande {case_no}, le service demande : « {note} » Ouvrez le dossier pour "
             "les envoyer."}},
           {"pt",
            {"{service}: faltam documentos",
             "Para o pedido {case_no}, o serviço pede: «{note}» Abra o processo para os enviar."}},
           {"de",
            {"{service}: Unterlagen nachreichen",
             "Zu Ihrem Antrag {case_no} bittet die Behörde: „{note}“ Öffnen Sie den Vorgang, um "
             "die Unterlagen zu senden."}},
       }},
      {"case_approved",
       {
           {"zh-CN", {"{service}：已批准", "您的申请（办件编号 {case_no}）已获批准。"}},
           {"en", {"{service}: approved", "Your application {case_no} has been approved."}},
           {"it", {"{service}: domanda approvata", "La Sua domanda {case_no} è stata approvata."}},
           {"es", {"{service}: solicitud aprobada", "Tu solicitud {case_no} ha sido aprobada."}},
           {"fr", {"{service} : demande acceptée", "Votre demande {case_no} a été acceptée."}},
           {"pt", {"{service}: pedido aprovado", "O seu pedido {case_no} foi aprovado."}},
           {"de", {"{service}: Antrag genehmigt", "Ihr Antrag {case_no} wurde genehmigt."}},
       }},
      {"case_rejected",
       {
           {"zh-CN",
            {"{service}：不予批准",
             "您的申请（办件编号 {case_no}）未获批准。办理单位说明的理由：“{note}”"}},
           {"en",
            {"{service}: not approved",
             "Your application {case_no} was not approved. The office gives this reason: "
             "“{note}”"}},
           {"it",
            {"{service}: domanda respinta",
             "La Sua domanda {case_no} non è stata approvata. Motivo indicato dall’ufficio: "
             "«{note}»"}},
           {"es",
            {"{service}: solicitud denegada",
             "Tu solicitud {case_no} no ha sido aprobada. Motivo indicado por la oficina: "
             "«{note}»"}},
           {"fr",
            {"{service} : demande refusée",
             "Votre demande {case_no} n’a pas été acceptée. Motif indiqué par le service : "
             "« {note} »"}},
           {"pt",
            {"{service}: pedido recusado",
             "O seu pedido {case_no} não foi aprovado. Motivo indicado pelo serviço: «{note}»"}},
           {"de",
            {"{service}: Antrag abgelehnt",
             "Ihr Antrag {case_no} wurde nicht genehmigt. Begründung der Behörde: „{note}“"}},
       }},
      {"case_issued",
       {
           {"zh-CN",
            {"{service}：已出证",
             "您的申请（办件编号 {case_no}）结果已出具。打开办件可查看结果和送达方式。"}},
           {"en",
            {"{service}: document issued",
             "The result of your application {case_no} has been issued. Open the case to see it "
             "and how it reaches you."}},
           {"it",
            {"{service}: documento rilasciato",
             "Il risultato della Sua domanda {case_no} è stato rilasciato. Apra la pratica per "
             "vederlo e sapere come Le arriva."}},
           {"es",
            {"{service}: documento expedido",
             "El resultado de tu solicitud {case_no} ya se ha expedido. Abre el expediente para "
             "verlo y saber cómo te llega."}},
           {"fr",
            {"{service} : document délivré",
             "Le résultat de votre demande {case_no} a été délivré. Ouvrez le dossier pour le "
             "consulter et savoir comment il vous parvient."}},
           {"pt",
            {"{service}: documento emitido",
             "O resultado do seu pedido {case_no} foi emitido. Abra o processo para o ver e saber "
             "como lhe chega."}},
           {"de",
            {"{service}: Dokument ausgestellt",
             "Das Ergebnis Ihres Antrags {case_no} wurde ausgestellt. Im Vorgang sehen Sie es und "
             "wie es zu Ihnen kommt."}},
       }},
      {"assist_consent_code",
       {
           {"zh-CN",
            {"您的确认码：{code}",
             "{officer}（{site}）正要为您在线提交“{service}"
             "”。如果是您本人在窗口请工作人员代为办理，"
             "请把确认码 {code} 告诉这位工作人员，{minutes} "
             "分钟内有效。如果不是您本人请求的，请不要"
             "告诉任何人，并在“咨询”中告诉我们。"}},
           {"en",
            {"Your confirmation code: {code}",
             "{officer} ({site}) is about to submit “{service}” for you. If you are at their desk "
             "and asked for this, read the code {code} out to them; it is valid for {minutes} "
             "minutes. If you did not ask for it, do not tell anyone the code and let us know in "
             "Help."}},
           {"it",
            {"Il Suo codice di conferma: {code}",
             "{officer} ({site}) sta per presentare per Lei la domanda «{service}». Se si trova "
             "allo sportello e l’ha chiesto Lei, comunichi il codice {code} all’operatore: vale "
             "{minutes} minuti. Se non l’ha chiesto Lei, non lo dica a nessuno e ce lo segnali "
             "nella sezione Aiuto."}},
           {"es",
            {"Tu código de confirmación: {code}",
             "{officer} ({site}) va a presentar por ti la solicitud «{service}». Si estás en su "
             "ventanilla y lo has pedido tú, dile el código {code}; vale {minutes} minutos. Si no "
             "lo has pedido, no se lo digas a nadie y avísanos en Ayuda."}},
           {"fr",
            {"Votre code de confirmation : {code}",
             "{officer} ({site}) s’apprête à déposer pour vous la demande « {service} ». Si vous "
             "êtes à son guichet et l’avez demandé, communiquez-lui le code {code} ; il est "
             "valable {minutes} minutes. Si vous n’avez rien demandé, ne donnez ce code à "
             "personne et prévenez-nous dans Aide."}},
           {"pt",
            {"O seu código de confirmação: {code}",
             "{officer} ({site}) vai apresentar em seu nome o pedido «{service}». Se está no "
             "balcão e foi o senhor ou a senhora a pedir, diga-lhe o código {code}; é válido "
             "durante {minutes} minutos. Se não pediu nada, não diga o código a ninguém e "
             "avise-nos em Ajuda."}},
           {"de",
            {"Ihr Bestätigungscode: {code}",
             "{officer} ({site}) möchte für Sie den Antrag „{service}“ einreichen. Wenn Sie am "
             "Schalter sind und darum gebeten haben, nennen Sie dort den Code {code}; er gilt "
             "{minutes} Minuten. Wenn Sie nicht darum gebeten haben, geben Sie den Code niemandem "
             "und melden Sie sich bei uns unter Hilfe."}},
       }},
      {"case_assisted",
       {
           {"zh-CN",
            {"{service}：{officer} 已为您提交申请",
             "经您用确认码同意，{officer}（{site}）已为您提交“{service}”，办件号 {case_no}。"
             "这份申请和您自己提交的一样：在“我的办件”里可以查看全部内容、进度和材料。"}},
           {"en",
            {"{service}: submitted for you by {officer}",
             "With your consent (the code you read out), {officer} ({site}) submitted “{service}” "
             "for you as application {case_no}. It is yours like any other: everything in it, "
             "its progress and its documents are in My applications."}},
           {"it",
            {"{service}: domanda presentata per Lei da {officer}",
             "Con il Suo consenso (il codice che ha comunicato), {officer} ({site}) ha presentato "
             "per Lei «{service}», pratica {case_no}. È Sua come ogni altra: contenuto, "
             "avanzamento e documenti sono in Le mie pratiche."}},
           {"es",
            {"{service}: {officer} presentó la solicitud por ti",
             "Con tu consentimiento (el código que dijiste), {officer} ({site}) presentó por ti "
             "«{service}», solicitud {case_no}. Es tuya como cualquier otra: su contenido, su "
             "avance y sus documentos están en Mis solicitudes."}},
           {"fr",
            {"{service} : demande déposée pour vous par {officer}",
             "Avec votre accord (le code que vous avez communiqué), {officer} ({site}) a déposé "
             "pour vous « {service} », demande {case_no}. Elle est à vous comme toute autre : son "
             "contenu, son avancement et ses pièces sont dans Mes demandes."}},
           {"pt",
            {"{service}: pedido apresentado em seu nome por {officer}",
             "Com o seu consentimento (o código que indicou), {officer} ({site}) apresentou em "
             "seu nome «{service}», pedido {case_no}. É seu como qualquer outro: o conteúdo, o "
             "andamento e os documentos estão em Os meus pedidos."}},
           {"de",
            {"{service}: von {officer} für Sie eingereicht",
             "Mit Ihrer Zustimmung (dem Code, den Sie genannt haben) hat {officer} ({site}) "
             "„{service}“ für Sie eingereicht, Antrag {case_no}. Er gehört Ihnen wie jeder "
             "andere: Inhalt, Stand und Unterlagen finden Sie unter Meine Anträge."}},
       }},
      {"family_verified",
       {
           {"zh-CN",
            {"已核验家人身份：{name}",
             "工作人员已在视频核验中确认了 {name} 的身份。今后为这位家人办理事项时，可以在申请表中"
             "直接选择他或她。"}},
           {"en",
            {"Family member verified: {name}",
             "The officer confirmed the identity of {name} in the video check. When you apply for "
             "them from now on, you can choose them on the application form."}},
           {"it",
            {"Familiare verificato: {name}",
             "Nella verifica video l’operatore ha confermato l’identità di {name}. D’ora in poi, "
             "quando presenta una domanda per questa persona, può sceglierla nel modulo."}},
           {"es",
            {"Familiar verificado: {name}",
             "En la verificación por vídeo, el funcionario confirmó la identidad de {name}. A "
             "partir de ahora, cuando solicites algo para esa persona, podrás elegirla en el "
             "formulario."}},
           {"fr",
            {"Membre de la famille vérifié : {name}",
             "Lors de la vérification vidéo, l’agent a confirmé l’identité de {name}. Désormais, "
             "quand vous ferez une demande pour cette personne, vous pourrez la choisir dans le "
             "formulaire."}},
           {"pt",
            {"Identidade do familiar confirmada: {name}",
             "Na verificação por vídeo, o funcionário confirmou a identidade de {name}. A partir "
             "de agora, quando fizer um pedido para essa pessoa, pode escolhê-la no formulário."}},
           {"de",
            {"Familienangehörige Person bestätigt: {name}",
             "In der Videoprüfung hat die Sachbearbeitung die Identität von {name} bestätigt. "
             "Wenn Sie künftig etwas für diese Person beantragen, können Sie sie im Formular "
             "auswählen."}},
       }},
      {"certificate_revoked",
       {
           {"zh-CN",
            {"{service}：证明已撤销",
             "办件 {case_no} 出具的证明已被办理单位撤销，原因：“{note}”。已撤销的证明在核验时显示"
             "为“已撤销”，请不要再出示。如有疑问，请在“咨询”中联系我们。"}},
           {"en",
            {"{service}: certificate revoked",
             "The office has revoked the certificate issued on application {case_no}. Reason: "
             "“{note}” A revoked certificate shows as revoked when checked, so please do not "
             "present it any more. Ask us in Help if anything is unclear."}},
           {"it",
            {"{service}: certificato revocato",
             "L’ufficio ha revocato il certificato rilasciato per la domanda {case_no}. Motivo: "
             "«{note}» Un certificato revocato risulta tale a ogni verifica: La preghiamo di non "
             "presentarlo più. Per qualsiasi dubbio ci scriva nella sezione Aiuto."}},
           {"es",
            {"{service}: certificado revocado",
             "La oficina ha revocado el certificado expedido para la solicitud {case_no}. Motivo: "
             "«{note}» Un certificado revocado aparece como tal al comprobarlo, así que no lo "
             "presentes más. Si tienes dudas, escríbenos en Ayuda."}},
           {"fr",
            {"{service} : certificat révoqué",
             "Le service a révoqué le certificat délivré pour la demande {case_no}. Motif : "
             "« {note} » Un certificat révoqué apparaît comme tel à chaque vérification : ne le "
             "présentez plus. Pour toute question, écrivez-nous dans Aide."}},
           {"pt",
            {"{service}: certidão revogada",
             "O serviço revogou a certidão emitida no pedido {case_no}. Motivo: «{note}» Uma "
             "certidão revogada aparece como tal em qualquer verificação, por isso não a "
             "apresente mais. Se tiver dúvidas, escreva-nos em Ajuda."}},
           {"de",
            {"{service}: Bescheinigung widerrufen",
             "Die Behörde hat die Bescheinigung zu Ihrem Antrag {case_no} widerrufen. Grund: "
             "„{note}“ Eine widerrufene Bescheinigung wird bei jeder Prüfung als widerrufen "
             "angezeigt; legen Sie sie bitte nicht mehr vor. Bei Fragen schreiben Sie uns unter "
             "Hilfe."}},
       }},
      {"certificate_reissued",
       {
           {"zh-CN",
            {"{service}：已重新出具",
             "办件 {case_no} 的结果已重新出具，原来的版本已失效。请在“我的证照”中下载新版本。"}},
           {"en",
            {"{service}: issued again",
             "The result of application {case_no} has been issued again and the earlier copy is "
             "no longer valid. Download the new one from My documents."}},
           {"it",
            {"{service}: rilasciato di nuovo",
             "Il risultato della domanda {case_no} è stato rilasciato di nuovo e la copia "
             "precedente non è più valida. Scarichi quella nuova da I miei documenti."}},
           {"es",
            {"{service}: expedido de nuevo",
             "El resultado de la solicitud {case_no} se ha expedido de nuevo y la copia anterior "
             "ya no es válida. Descarga la nueva en Mis documentos."}},
           {"fr",
            {"{service} : délivré à nouveau",
             "Le résultat de la demande {case_no} a été délivré à nouveau ; l’exemplaire "
             "précédent n’est plus valable. Téléchargez le nouveau dans Mes documents."}},
           {"pt",
            {"{service}: emitido novamente",
             "O resultado do pedido {case_no} foi emitido novamente e a cópia anterior deixou de "
             "ser válida. Descarregue a nova em Os meus documentos."}},
           {"de",
            {"{service}: neu ausgestellt",
             "Das Ergebnis Ihres Antrags {case_no} wurde neu ausgestellt; die frühere Ausfertigung "
             "gilt nicht mehr. Laden Sie die neue unter Meine Dokumente herunter."}},
       }},
      {"case_delivered",
       {
           {"zh-CN", {"{service}：已送达", "您的申请（办件编号 {case_no}）结果已送达。"}},
           {"en",
            {"{service}: delivered",
             "The result of your application {case_no} has been delivered."}},
           {"it",
            {"{service}: consegnato",
             "Il risultato della Sua domanda {case_no} è stato consegnato."}},
           {"es",
            {"{service}: entregado", "El resultado de tu solicitud {case_no} ha sido entregado."}},
           {"fr",
            {"{service} : remis", "Le résultat de votre demande {case_no} vous a été remis."}},
           {"pt", {"{service}: entregue", "O resultado do seu pedido {case_no} foi entregue."}},
           {"de",
            {"{service}: zugestellt", "Das Ergebnis Ihres Antrags {case_no} wurde zugestellt."}},
       }},
      // Delivery of the result (delivery/, topic delivery.updated). The pickup code itself is
      // never in a message: e-mails travel in the clear, and the case page shows it.
      {"delivery_pickup_ready",
       {
           {"zh-CN",
            {"{service}：可凭取件码领取",
             "办件 {case_no} "
             "的结果已可领取（{site}）。取件码在办件页面中，领取时出示给工作人员。"}},
           {"en",
            {"{service}: ready to collect",
             "The result of {case_no} is ready ({site}). Your pickup code is on the case page: "
             "show it when you collect it."}},
           {"it",
            {"{service}: pronto per il ritiro",
             "Il risultato della pratica {case_no} è pronto ({site}). Il codice di ritiro è nella "
             "pagina della pratica: lo mostri al momento del ritiro."}},
           {"es",
            {"{service}: listo para recoger",
             "El resultado del expediente {case_no} está listo ({site}). Tu código de recogida "
             "está en la página del expediente: enséñalo al recogerlo."}},
           {"fr",
            {"{service} : prêt à être retiré",
             "Le résultat du dossier {case_no} est prêt ({site}). Votre code de retrait figure sur "
             "la page du dossier : présentez-le au moment du retrait."}},
           {"pt",
            {"{service}: pronto para levantar",
             "O resultado do processo {case_no} está pronto ({site}). O seu código de "
             "levantamento está na página do processo: mostre-o ao levantar."}},
           {"de",
            {"{service}: zur Abholung bereit",
             "Das Ergebnis zu {case_no} liegt bereit ({site}). Ihren Abholcode finden Sie auf der "
             "Seite des Vorgangs: Zeigen Sie ihn bei der Abholung vor."}},
       }},
      {"delivery_dispatched",
       {
           {"zh-CN",
            {"{service}：已寄出", "办件 {case_no} 的结果已交 {carrier} 寄出，运单号 {tracking}。"}},
           {"en",
            {"{service}: sent by post",
             "The result of {case_no} was sent with {carrier}, tracking number {tracking}."}},
           {"it",
            {"{service}: spedito",
             "Il risultato della pratica {case_no} è stato spedito con {carrier}, numero di "
             "tracciamento {tracking}."}},
           {"es",
            {"{service}: enviado por correo",
             "El resultado del expediente {case_no} se ha enviado con {carrier}, número de "
             "seguimiento {tracking}."}},
           {"fr",
            {"{service} : envoyé par la poste",
             "Le résultat du dossier {case_no} a été envoyé par {carrier}, numéro de suivi "
             "{tracking}."}},
           {"pt",
            {"{service}: enviado pelo correio",
             "O resultado do processo {case_no} foi enviado por {carrier}, número de seguimento "
             "{tracking}."}},
           {"de",
            {"{service}: per Post verschickt",
             "Das Ergebnis zu {case_no} wurde mit {carrier} verschickt, Sendungsnummer "
             "{tracking}."}},
       }},
      {"delivery_arrived",
       {
           {"zh-CN",
            {"{service}：快递显示已投递",
             "承运方显示办件 {case_no} 的邮件已投递。收到后请在办件页面确认收到。"}},
           {"en",
            {"{service}: the carrier delivered it",
             "The carrier reports that the post for {case_no} was delivered. Once you have it, "
             "confirm on the case page that you received it."}},
           {"it",
            {"{service}: consegnato dal corriere",
             "Il corriere segnala che la spedizione della pratica {case_no} è stata consegnata. "
             "Quando l’avrà ricevuta, lo confermi nella pagina della pratica."}},
           {"es",
            {"{service}: el transportista lo ha entregado",
             "El transportista indica que el envío del expediente {case_no} se ha entregado. "
             "Cuando lo tengas, confirma en la página del expediente que lo has recibido."}},
           {"fr",
            {"{service} : livré par le transporteur",
             "Le transporteur indique que l’envoi du dossier {case_no} a été livré. Une fois "
             "reçu, confirmez-le sur la page du dossier."}},
           {"pt",
            {"{service}: entregue pela transportadora",
             "A transportadora indica que o envio do processo {case_no} foi entregue. Quando o "
             "tiver, confirme na página do processo que o recebeu."}},
           {"de",
            {"{service}: vom Zusteller zugestellt",
             "Der Zusteller meldet die Sendung zu {case_no} als zugestellt. Bestätigen Sie auf "
             "der Seite des Vorgangs, sobald Sie sie erhalten haben."}},
       }},
      {"delivery_failed",
       {
           {"zh-CN",
            {"{service}：投递未成功",
             "办件 {case_no} 的邮件本次投递未成功。{note}承运方会再次投递或通知您。"}},
           {"en",
            {"{service}: delivery attempt failed",
             "The post for {case_no} could not be delivered this time. {note} The carrier will "
             "try again or contact you."}},
           {"it",
            {"{service}: consegna non riuscita",
             "Questa volta non è stato possibile consegnare la spedizione della pratica "
             "{case_no}. {note} Il corriere riproverà o La contatterà."}},
           {"es",
            {"{service}: entrega fallida",
             "Esta vez no se ha podido entregar el envío del expediente {case_no}. {note} El "
             "transportista lo intentará de nuevo o se pondrá en contacto contigo."}},
           {"fr",
            {"{service} : échec de la livraison",
             "L’envoi du dossier {case_no} n’a pas pu être livré cette fois. {note} Le "
             "transporteur réessaiera ou vous contactera."}},
           {"pt",
            {"{service}: entrega falhada",
             "Desta vez não foi possível entregar o envio do processo {case_no}. {note} A "
             "transportadora tentará de novo ou entrará em contacto consigo."}},
           {"de",
            {"{service}: Zustellung fehlgeschlagen",
             "Die Sendung zu {case_no} konnte diesmal nicht zugestellt werden. {note} Der "
             "Zusteller versucht es erneut oder meldet sich bei Ihnen."}},
       }},
      {"delivery_returned",
       {
           {"zh-CN",
            {"{service}：结果已退回",
             "办件 {case_no} 的结果未能交到您手中，已退回办理单位。{note}"
             "您可以在办件页面更改领取方式，单位会重新寄送或安排领取。"}},
           {"en",
            {"{service}: returned to the office",
             "The result of {case_no} did not reach you and went back to the office. {note} You "
             "can change how you receive it on the case page; the office will send it again."}},
           {"it",
            {"{service}: tornato all’ufficio",
             "Il risultato della pratica {case_no} non Le è arrivato ed è tornato all’ufficio. "
             "{note} Può cambiare la modalità di ricevimento nella pagina della pratica; "
             "l’ufficio lo invierà di nuovo."}},
           {"es",
            {"{service}: devuelto a la oficina",
             "El resultado del expediente {case_no} no te ha llegado y ha vuelto a la oficina. "
             "{note} Puedes cambiar cómo recibirlo en la página del expediente; la oficina lo "
             "enviará de nuevo."}},
           {"fr",
            {"{service} : retourné au service",
             "Le résultat du dossier {case_no} ne vous est pas parvenu et est retourné au "
             "service. {note} Vous pouvez changer le mode de remise sur la page du dossier ; le "
             "service l’enverra de nouveau."}},
           {"pt",
            {"{service}: devolvido ao serviço",
             "O resultado do processo {case_no} não lhe chegou e voltou ao serviço. {note} Pode "
             "mudar a forma de o receber na página do processo; o serviço voltará a enviá-lo."}},
           {"de",
            {"{service}: an die Behörde zurückgegangen",
             "Das Ergebnis zu {case_no} hat Sie nicht erreicht und ist an die Behörde "
             "zurückgegangen. {note} Auf der Seite des Vorgangs können Sie ändern, wie Sie es "
             "erhalten; die Behörde schickt es erneut."}},
       }},
      {"delivery_home_assigned",
       {
           {"zh-CN",
            {"{service}：已安排送件上门",
             "办件 {case_no} "
             "的结果将由{site}的工作人员送到您家。请备好办件页面上的取件码，交接时出示。"}},
           {"en",
            {"{service}: home delivery arranged",
             "An officer of {site} will bring the result of {case_no} to your home. Have the "
             "pickup code from the case page ready to show on delivery."}},
           {"it",
            {"{service}: consegna a domicilio organizzata",
             "Un addetto di {site} Le porterà a casa il risultato della pratica {case_no}. Tenga "
             "pronto il codice di ritiro della pagina della pratica da mostrare alla consegna."}},
           {"es",
            {"{service}: entrega a domicilio organizada",
             "Una persona de {site} te llevará a casa el resultado del expediente {case_no}. Ten "
             "a mano el código de recogida de la página del expediente para enseñarlo."}},
           {"fr",
            {"{service} : livraison à domicile organisée",
             "Un agent de {site} vous apportera chez vous le résultat du dossier {case_no}. "
             "Préparez le code de retrait de la page du dossier pour le présenter."}},
           {"pt",
            {"{service}: entrega ao domicílio marcada",
             "Um funcionário de {site} levará a sua casa o resultado do processo {case_no}. "
             "Tenha à mão o código de levantamento da página do processo para o mostrar."}},
           {"de",
            {"{service}: Lieferung nach Hause vereinbart",
             "Eine Mitarbeiterin oder ein Mitarbeiter von {site} bringt Ihnen das Ergebnis zu "
             "{case_no} nach Hause. Halten Sie den Abholcode von der Seite des Vorgangs bereit."}},
       }},
      {"delivery_code_locked",
       {
           {"zh-CN",
            {"{service}：取件码已锁定",
             "办件 {case_no} 的取件码被多次输错，已锁定。办理单位会为您生成新的取件码。"}},
           {"en",
            {"{service}: pickup code locked",
             "A wrong pickup code for {case_no} was entered too many times, so the code is "
             "locked. The office will give you a new one."}},
           {"it",
            {"{service}: codice di ritiro bloccato",
             "Per la pratica {case_no} è stato inserito troppe volte un codice di ritiro "
             "sbagliato, quindi il codice è bloccato. L’ufficio Le darà un nuovo codice."}},
           {"es",
            {"{service}: código de recogida bloqueado",
             "Se ha introducido demasiadas veces un código de recogida incorrecto para el "
             "expediente {case_no}, así que el código está bloqueado. La oficina te dará uno "
             "nuevo."}},
           {"fr",
            {"{service} : code de retrait bloqué",
             "Un code de retrait erroné a été saisi trop de fois pour le dossier {case_no} : le "
             "code est bloqué. Le service vous en donnera un nouveau."}},
           {"pt",
            {"{service}: código de levantamento bloqueado",
             "Foi introduzido demasiadas vezes um código de levantamento errado para o processo "
             "{case_no}, por isso o código está bloqueado. O serviço dar-lhe-á um novo."}},
           {"de",
            {"{service}: Abholcode gesperrt",
             "Zu {case_no} wurde zu oft ein falscher Abholcode eingegeben, deshalb ist der Code "
             "gesperrt. Die Behörde gibt Ihnen einen neuen."}},
       }},
      {"case_update",
       {
           {"zh-CN",
            {"{service}：办件有更新",
             "您的申请（办件编号 {case_no}）有新进展，打开办件可查看详情。"}},
           {"en",
            {"{service}: news about your application",
             "There is news about your application {case_no}. Open the case to see it."}},
           {"it",
            {"{service}: novità sulla domanda",
             "Ci sono novità sulla Sua domanda {case_no}. Apra la pratica per vederle."}},
           {"es",
            {"{service}: novedades de tu solicitud",
             "Hay novedades sobre tu solicitud {case_no}. Abre el expediente para verlas."}},
           {"fr",
            {"{service} : du nouveau sur votre demande",
             "Il y a du nouveau sur votre demande {case_no}. Ouvrez le dossier pour le voir."}},
           {"pt",
            {"{service}: novidades do pedido",
             "Há novidades sobre o seu pedido {case_no}. Abra o processo para as ver."}},
           {"de",
            {"{service}: Neuigkeiten zu Ihrem Antrag",
             "Es gibt Neuigkeiten zu Ihrem Antrag {case_no}. Öffnen Sie den Vorgang, um sie zu "
             "sehen."}},
       }},
      {"mandate_used",
       {
           {"zh-CN",
            {"{service}：{grantee}已代您办理",
             "{grantee}依授权委托书 #{mandate_id} 代您办理了办件 {case_no}（{step}）。"
             "如非您本意，可随时在“授权委托”中撤销。"}},
           {"en",
            {"{service}: {grantee} acted for you",
             "{grantee} took a step ({step}) on your application {case_no} under authorisation "
             "#{mandate_id}. If you did not want this, you can revoke it at any time under "
             "Authorisations."}},
           {"it",
            {"{service}: {grantee} ha agito per Lei",
             "{grantee} ha compiuto un passaggio ({step}) della Sua domanda {case_no} con la "
             "delega n. {mandate_id}. Se non lo desidera, può revocarla in qualsiasi momento "
             "in Deleghe."}},
           {"es",
            {"{service}: {grantee} ha actuado por ti",
             "{grantee} ha dado un paso ({step}) en tu solicitud {case_no} con la autorización "
             "n.º {mandate_id}. Si no lo querías, puedes revocarla en cualquier momento en "
             "Autorizaciones."}},
           {"fr",
            {"{service} : {grantee} a agi pour vous",
             "{grantee} a effectué une étape ({step}) de votre demande {case_no} au titre de la "
             "procuration n° {mandate_id}. Si vous ne le souhaitiez pas, vous pouvez la révoquer "
             "à tout moment dans Procurations."}},
           {"pt",
            {"{service}: {grantee} agiu por si",
             "{grantee} deu um passo ({step}) no seu pedido {case_no} ao abrigo da procuração "
             "n.º {mandate_id}. Se não o pretendia, pode revogá-la a qualquer momento em "
             "Procurações."}},
           {"de",
            {"{service}: {grantee} hat für Sie gehandelt",
             "{grantee} hat in Ihrem Antrag {case_no} einen Schritt ({step}) mit der Vollmacht "
             "Nr. {mandate_id} erledigt. Wenn Sie das nicht wollten, können Sie die Vollmacht "
             "jederzeit unter Vollmachten widerrufen."}},
       }},
      {"mandate_verified",
       {
           {"zh-CN",
            {"授权委托书 #{mandate_id} 已审核通过",
             "您的授权委托书已核验，受托人可在有效期内依授权代您办理。"}},
           {"en",
            {"Authorisation #{mandate_id} verified",
             "Your authorisation was checked and verified. Your proxy can now act for you "
             "within it while it is valid."}},
           {"it",
            {"Delega n. {mandate_id} verificata",
             "La Sua delega è stata verificata. La persona delegata può ora agire per Lei "
             "entro i suoi limiti, finché è valida."}},
           {"es",
            {"Autorización n.º {mandate_id} verificada",
             "Tu autorización ha sido verificada. Tu apoderado ya puede actuar por ti dentro "
             "de sus límites mientras sea válida."}},
           {"fr",
            {"Procuration n° {mandate_id} vérifiée",
             "Votre procuration a été vérifiée. Votre mandataire peut désormais agir pour vous "
             "dans ses limites tant qu’elle est valable."}},
           {"pt",
            {"Procuração n.º {mandate_id} verificada",
             "A sua procuração foi verificada. O seu procurador pode agora agir por si dentro "
             "dos seus limites enquanto for válida."}},
           {"de",
            {"Vollmacht Nr. {mandate_id} geprüft",
             "Ihre Vollmacht wurde geprüft und bestätigt. Ihr Bevollmächtigter kann nun im "
             "Rahmen der Vollmacht für Sie handeln, solange sie gilt."}},
       }},
      {"mandate_rejected",
       {
           {"zh-CN", {"授权委托书 #{mandate_id} 未通过审核", "原因：{note}"}},
           {"en", {"Authorisation #{mandate_id} not accepted", "Reason: {note}"}},
           {"it", {"Delega n. {mandate_id} non accettata", "Motivo: {note}"}},
           {"es", {"Autorización n.º {mandate_id} no aceptada", "Motivo: {note}"}},
           {"fr", {"Procuration n° {mandate_id} refusée", "Motif : {note}"}},
           {"pt", {"Procuração n.º {mandate_id} não aceite", "Motivo: {note}"}},
           {"de", {"Vollmacht Nr. {mandate_id} nicht angenommen", "Grund: {note}"}},
       }},
      {"payment_recorded",
       {
           {"zh-CN",
            {"{service}：费用已缴纳",
             "办件 {case_no} 的费用 {amount} 已登记缴纳，收据编号 {receipt_no}。"
             "可在办件页面下载收据。"}},
           {"en",
            {"{service}: fee paid",
             "The fee of {amount} for application {case_no} has been recorded as paid, receipt "
             "{receipt_no}. You can download the receipt from the case."}},
           {"it",
            {"{service}: importo pagato",
             "Il pagamento di {amount} per la domanda {case_no} è stato registrato, ricevuta "
             "{receipt_no}. Può scaricare la ricevuta dalla pratica."}},
           {"es",
            {"{service}: tasa pagada",
             "Se ha registrado el pago de {amount} de tu solicitud {case_no}, recibo "
             "{receipt_no}. Puedes descargar el recibo desde el expediente."}},
           {"fr",
            {"{service} : frais payés",
             "Le paiement de {amount} pour votre demande {case_no} a été enregistré, reçu "
             "{receipt_no}. Vous pouvez télécharger le reçu depuis le dossier."}},
           {"pt",
            {"{service}: taxa paga",
             "O pagamento de {amount} do seu pedido {case_no} foi registado, recibo "
             "{receipt_no}. Pode descarregar o recibo no processo."}},
           {"de",
            {"{service}: Gebühr bezahlt",
             "Die Zahlung von {amount} für Ihren Antrag {case_no} wurde verbucht, Quittung "
             "{receipt_no}. Die Quittung können Sie im Vorgang herunterladen."}},
       }},
      {"refund_recorded",
       {
           {"zh-CN",
            {"{service}：费用已退还",
             "办件 {case_no} 已缴的 {amount} 已退还，退款收据编号 {receipt_no}。"}},
           {"en",
            {"{service}: fee refunded",
             "The {amount} paid for application {case_no} has been refunded, refund receipt "
             "{receipt_no}."}},
           {"it",
            {"{service}: importo rimborsato",
             "L’importo di {amount} pagato per la domanda {case_no} Le è stato rimborsato, "
             "ricevuta di rimborso {receipt_no}."}},
           {"es",
            {"{service}: tasa devuelta",
             "Se te han devuelto los {amount} pagados por la solicitud {case_no}, recibo de "
             "devolución {receipt_no}."}},
           {"fr",
            {"{service} : frais remboursés",
             "Les {amount} payés pour votre demande {case_no} vous ont été remboursés, reçu de "
             "remboursement {receipt_no}."}},
           {"pt",
            {"{service}: taxa devolvida",
             "Os {amount} pagos pelo pedido {case_no} foram-lhe devolvidos, recibo de "
             "devolução {receipt_no}."}},
           {"de",
            {"{service}: Gebühr erstattet",
             "Die für Ihren Antrag {case_no} gezahlten {amount} wurden erstattet, "
             "Erstattungsquittung {receipt_no}."}},
       }},
      {"identity_verified",
       {
           {"zh-CN",
            {"身份核验已通过", "您的身份已通过视频核验，现在可以办理需要核验身份的事项。"}},
           {"en",
            {"Your identity is verified",
             "Your identity was confirmed in the video check. Services that require it are now "
             "open to you."}},
           {"it",
            {"Identità verificata",
             "La Sua identità è stata confermata nella verifica video. Ora può usare i servizi "
             "che la richiedono."}},
           {"es",
            {"Identidad verificada",
             "Tu identidad quedó confirmada en la verificación por vídeo. Ya puedes usar los "
             "servicios que la requieren."}},
           {"fr",
            {"Identité vérifiée",
             "Votre identité a été confirmée lors de la vérification vidéo. Les démarches qui "
             "l’exigent vous sont désormais ouvertes."}},
           {"pt",
            {"Identidade verificada",
             "A sua identidade foi confirmada na verificação por vídeo. Já pode usar os serviços "
             "que a exigem."}},
           {"de",
            {"Identität bestätigt",
             "Ihre Identität wurde in der Videoprüfung bestätigt. Leistungen, die das "
             "voraussetzen, stehen Ihnen jetzt offen."}},
       }},
      {"identity_rejected",
       {
           {"zh-CN",
            {"身份核验未通过", "本次视频核验未能确认您的身份。您可以在应用中重新预约核验。"}},
           {"en",
            {"Identity check not passed",
             "The video check could not confirm your identity. You can book a new check in the "
             "app."}},
           {"it",
            {"Verifica dell’identità non superata",
             "La verifica video non ha potuto confermare la Sua identità. Può prenotare una nuova "
             "verifica nell’app."}},
           {"es",
            {"Verificación de identidad no superada",
             "La verificación por vídeo no pudo confirmar tu identidad. Puedes reservar una nueva "
             "verificación en la aplicación."}},
           {"fr",
            {"Vérification d’identité non concluante",
             "La vérification vidéo n’a pas permis de confirmer votre identité. Vous pouvez "
             "réserver une nouvelle vérification dans l’application."}},
           {"pt",
            {"Verificação de identidade sem sucesso",
             "A verificação por vídeo não conseguiu confirmar a sua identidade. Pode marcar uma "
             "nova verificação na aplicação."}},
           {"de",
            {"Identitätsprüfung nicht bestanden",
             "Die Videoprüfung konnte Ihre Identität nicht bestätigen. Sie können in der App einen "
             "neuen Termin buchen."}},
       }},
      {"appointment_booked",
       {
           {"zh-CN",
            {"预约成功：{what}",
             "{what}，时间：{when}（{place}）。如需改期或取消，可在应用中操作。"}},
           {"en",
            {"Appointment booked: {what}",
             "{what} on {when} ({place}). You can move or cancel it in the app."}},
           {"it",
            {"Appuntamento prenotato: {what}",
             "{what} il {when} ({place}). Può spostarlo o annullarlo nell’app."}},
           {"es",
            {"Cita reservada: {what}",
             "{what} el {when} ({place}). Puedes cambiarla o cancelarla en la aplicación."}},
           {"fr",
            {"Rendez-vous réservé : {what}",
             "{what} le {when} ({place}). Vous pouvez le déplacer ou l’annuler dans "
             "l’application."}},
           {"pt",
            {"Marcação confirmada: {what}",
             "{what} em {when} ({place}). Pode alterar ou cancelar a marcação na aplicação."}},
           {"de",
            {"Termin gebucht: {what}",
             "{what} am {when} ({place}). Sie können den Termin in der App verschieben oder "
             "absagen."}},
       }},
      {"appointment_rescheduled",
       {
           {"zh-CN", {"预约已改期：{what}", "新的时间：{when}（{place}）。"}},
           {"en", {"Appointment moved: {what}", "New time: {when} ({place})."}},
           {"it", {"Appuntamento spostato: {what}", "Nuovo orario: {when} ({place})."}},
           {"es", {"Cita cambiada: {what}", "Nueva hora: {when} ({place})."}},
           {"fr", {"Rendez-vous déplacé : {what}", "Nouvel horaire : {when} ({place})."}},
           {"pt", {"Marcação alterada: {what}", "Nova hora: {when} ({place})."}},
           {"de", {"Termin verschoben: {what}", "Neuer Termin: {when} ({place})."}},
       }},
      {"appointment_cancelled",
       {
           {"zh-CN", {"预约已取消：{what}", "{when}（{place}）的预约已取消。"}},
           {"en",
            {"Appointment cancelled: {what}", "The appointment on {when} ({place}) is cancelled."}},
           {"it",
            {"Appuntamento annullato: {what}", "L’appuntamento del {when} ({place}) è annullato."}},
           {"es", {"Cita cancelada: {what}", "La cita del {when} ({place}) queda cancelada."}},
           {"fr",
            {"Rendez-vous annulé : {what}", "Le rendez-vous du {when} ({place}) est annulé."}},
           {"pt", {"Marcação cancelada: {what}", "A marcação de {when} ({place}) foi cancelada."}},
           {"de", {"Termin abgesagt: {what}", "Der Termin am {when} ({place}) ist abgesagt."}},
       }},
      {"appointment_reminder",
       {
           {"zh-CN",
            {"预约提醒：{what}",
             "时间：{when}（{place}）。视频核验请备好护照原件，从应用的预约页面进入。"}},
           {"en",
            {"Reminder: {what}",
             "{when} ({place}). For a video check, have your passport at hand and join from the "
             "appointments page of the app."}},
           {"it",
            {"Promemoria: {what}",
             "{when} ({place}). Per la verifica video tenga a portata di mano il passaporto ed "
             "entri dalla pagina degli appuntamenti dell’app."}},
           {"es",
            {"Recordatorio: {what}",
             "{when} ({place}). Para la verificación por vídeo, ten a mano tu pasaporte y entra "
             "desde la página de citas de la aplicación."}},
           {"fr",
            {"Rappel : {what}",
             "{when} ({place}). Pour la vérification vidéo, gardez votre passeport à portée de "
             "main et rejoignez l’appel depuis la page des rendez-vous de l’application."}},
           {"pt",
            {"Lembrete: {what}",
             "{when} ({place}). Para a verificação por vídeo, tenha o passaporte à mão e entre "
             "pela página de marcações da aplicação."}},
           {"de",
            {"Erinnerung: {what}",
             "{when} ({place}). Halten Sie für die Videoprüfung Ihren Reisepass bereit und treten "
             "Sie über die Terminseite der App bei."}},
       }},
      {"consultation_reply",
       {
           {"zh-CN", {"咨询有新回复：{topic}", "您的咨询“{topic}”有新的回复。"}},
           {"en", {"New reply: {topic}", "There is a new reply to your question “{topic}”."}},
           {"it",
            {"Nuova risposta: {topic}", "C’è una nuova risposta alla Sua domanda «{topic}»."}},
           {"es", {"Nueva respuesta: {topic}", "Hay una nueva respuesta a tu consulta «{topic}»."}},
           {"fr",
            {"Nouvelle réponse : {topic}",
             "Votre question « {topic} » a reçu une nouvelle réponse."}},
           {"pt", {"Nova resposta: {topic}", "Há uma nova resposta à sua pergunta «{topic}»."}},
           {"de", {"Neue Antwort: {topic}", "Auf Ihre Frage „{topic}“ gibt es eine neue Antwort."}},
       }},
      {"consultation_message",
       {
           {"zh-CN", {"咨询有新消息：{topic}", "咨询“{topic}”有新消息。"}},
           {"en", {"New message: {topic}", "There is a new message in “{topic}”."}},
           {"it", {"Nuovo messaggio: {topic}", "C’è un nuovo messaggio in «{topic}»."}},
           {"es", {"Nuevo mensaje: {topic}", "Hay un nuevo mensaje en «{topic}»."}},
           {"fr", {"Nouveau message : {topic}", "Il y a un nouveau message dans « {topic} »."}},
           {"pt", {"Nova mensagem: {topic}", "Há uma nova mensagem em «{topic}»."}},
           {"de", {"Neue Nachricht: {topic}", "In „{topic}“ gibt es eine neue Nachricht."}},
       }},
      // The green channel (priority/): the applicant learns the decision; the supervisors of
      // the level a request waits at learn it is theirs to decide.
      {"green_channel_approved",
       {
           {"zh-CN",
            {"{service}：加急办理已批准",
             "您为办件 {case_no} 申请的绿色通道已获批准，将优先办理，办结期限为 {deadline}。"}},
           {"en",
            {"{service}: urgent handling approved",
             "Your request for urgent handling of application {case_no} was approved. It is now "
             "handled first and will be decided by {deadline}."}},
           {"it",
            {"{service}: trattazione urgente concessa",
             "La Sua richiesta di trattazione urgente per la domanda {case_no} è stata accolta. "
             "La pratica ha ora la precedenza e sarà decisa entro il {deadline}."}},
           {"es",
            {"{service}: tramitación urgente aprobada",
             "Se ha aprobado tu petición de tramitación urgente de la solicitud {case_no}. Ahora "
             "tiene prioridad y se resolverá antes del {deadline}."}},
           {"fr",
            {"{service} : traitement urgent accordé",
             "Votre demande de traitement urgent pour le dossier {case_no} a été acceptée. Il est "
             "désormais traité en priorité et sera tranché d’ici le {deadline}."}},
           {"pt",
            {"{service}: tratamento urgente aprovado",
             "O seu pedido de tratamento urgente do processo {case_no} foi aprovado. Passa a ter "
             "prioridade e será decidido até {deadline}."}},
           {"de",
            {"{service}: Eilbearbeitung bewilligt",
             "Ihre Bitte um Eilbearbeitung des Antrags {case_no} wurde bewilligt. Er wird nun "
             "vorrangig bearbeitet und bis zum {deadline} entschieden."}},
       }},
      {"green_channel_refused",
       {
           {"zh-CN",
            {"{service}：加急办理未获批准",
             "您为办件 {case_no} 申请的绿色通道未获批准，理由：“{note}”办件仍按正常顺序办理。"}},
           {"en",
            {"{service}: urgent handling not granted",
             "Your request for urgent handling of application {case_no} was not granted: "
             "“{note}” The application continues in the normal order."}},
           {"it",
            {"{service}: trattazione urgente non concessa",
             "La Sua richiesta di trattazione urgente per la domanda {case_no} non è stata "
             "accolta: «{note}» La pratica prosegue nell’ordine normale."}},
           {"es",
            {"{service}: tramitación urgente denegada",
             "No se ha concedido tu petición de tramitación urgente de la solicitud {case_no}: "
             "«{note}» La solicitud sigue su orden normal."}},
           {"fr",
            {"{service} : traitement urgent refusé",
             "Votre demande de traitement urgent pour le dossier {case_no} n’a pas été acceptée : "
             "« {note} » Le dossier suit son cours normal."}},
           {"pt",
            {"{service}: tratamento urgente recusado",
             "O seu pedido de tratamento urgente do processo {case_no} não foi aceite: «{note}» "
             "O processo segue a ordem normal."}},
           {"de",
            {"{service}: Eilbearbeitung abgelehnt",
             "Ihre Bitte um Eilbearbeitung des Antrags {case_no} wurde abgelehnt: „{note}“ Der "
             "Antrag wird in der normalen Reihenfolge bearbeitet."}},
       }},
      {"green_channel_request",
       {
           {"zh-CN",
            {"绿色通道待审批：{case_no}",
             "办件 {case_no}（{service}）申请加急办理，请于 {due_at} 前审批。"}},
           {"en",
            {"Green channel to decide: {case_no}",
             "Application {case_no} ({service}) asks for urgent handling. Please decide by "
             "{due_at}."}},
           {"it",
            {"Corsia preferenziale da decidere: {case_no}",
             "La domanda {case_no} ({service}) chiede una trattazione urgente. Decida entro "
             "{due_at}."}},
           {"es",
            {"Vía urgente por decidir: {case_no}",
             "La solicitud {case_no} ({service}) pide tramitación urgente. Decide antes de "
             "{due_at}."}},
           {"fr",
            {"Voie prioritaire à trancher : {case_no}",
             "Le dossier {case_no} ({service}) demande un traitement urgent. Décision attendue "
             "avant {due_at}."}},
           {"pt",
            {"Via urgente por decidir: {case_no}",
             "O processo {case_no} ({service}) pede tratamento urgente. Decida até {due_at}."}},
           {"de",
            {"Eilweg zu entscheiden: {case_no}",
             "Der Antrag {case_no} ({service}) bittet um Eilbearbeitung. Bitte entscheiden Sie "
             "bis {due_at}."}},
       }},
      {"green_channel_escalated",
       {
           {"zh-CN",
            {"绿色通道超时上报：{case_no}",
             "办件 {case_no}（{service}）的加急申请下级单位未按时审批，已上报给您，请于 {due_at} "
             "前审批。"}},
           {"en",
            {"Green channel escalated to you: {case_no}",
             "The request for urgent handling of {case_no} ({service}) was not decided in time "
             "below and now waits for you. Please decide by {due_at}."}},
           {"it",
            {"Corsia preferenziale passata a Lei: {case_no}",
             "La richiesta urgente per {case_no} ({service}) non è stata decisa in tempo dal "
             "livello inferiore e ora attende Lei. Decida entro {due_at}."}},
           {"es",
            {"Vía urgente escalada a ti: {case_no}",
             "La petición urgente de {case_no} ({service}) no se decidió a tiempo en el nivel "
             "inferior y ahora te espera. Decide antes de {due_at}."}},
           {"fr",
            {"Voie prioritaire remontée vers vous : {case_no}",
             "La demande urgente du dossier {case_no} ({service}) n’a pas été tranchée à temps "
             "au niveau inférieur et vous attend. Décision attendue avant {due_at}."}},
           {"pt",
            {"Via urgente escalada para si: {case_no}",
             "O pedido urgente do processo {case_no} ({service}) não foi decidido a tempo no "
             "nível inferior e aguarda por si. Decida até {due_at}."}},
           {"de",
            {"Eilweg an Sie weitergeleitet: {case_no}",
             "Die Eilbitte zu {case_no} ({service}) wurde unten nicht rechtzeitig entschieden und "
             "liegt nun bei Ihnen. Bitte entscheiden Sie bis {due_at}."}},
       }},
      // The difficult-case team: the applicant learns a specialist team has the case (never
      // why); the team's officers learn it is theirs.
      {"specialist_team",
       {
           {"zh-CN",
            {"{service}：由专班办理",
             "您的办件 {case_no} 已交由专门工作组办理，办理有结果时会通知您。"}},
           {"en",
            {"{service}: a specialist team is handling it",
             "Your application {case_no} is now handled by a specialist team. We will tell you "
             "here when there is news."}},
           {"it",
            {"{service}: se ne occupa una squadra specializzata",
             "La Sua domanda {case_no} è ora seguita da una squadra specializzata. La avviseremo "
             "qui quando ci saranno novità."}},
           {"es",
            {"{service}: la lleva un equipo especializado",
             "Tu solicitud {case_no} la tramita ahora un equipo especializado. Te avisaremos aquí "
             "cuando haya novedades."}},
           {"fr",
            {"{service} : une équipe spécialisée s’en occupe",
             "Votre demande {case_no} est désormais traitée par une équipe spécialisée. Nous vous "
             "préviendrons ici dès qu’il y aura du nouveau."}},
           {"pt",
            {"{service}: uma equipa especializada está a tratar",
             "O seu pedido {case_no} passou a ser tratado por uma equipa especializada. "
             "Avisaremos aqui quando houver novidades."}},
           {"de",
            {"{service}: ein Fachteam bearbeitet ihn",
             "Ihr Antrag {case_no} wird jetzt von einem Fachteam bearbeitet. Wir melden uns hier, "
             "sobald es Neuigkeiten gibt."}},
       }},
      {"difficult_assigned",
       {
           {"zh-CN", {"疑难案件移交：{case_no}", "办件 {case_no}（{service}）已移交本专班办理。"}},
           {"en",
            {"Difficult case for your team: {case_no}",
             "Case {case_no} ({service}) was handed to your team."}},
           {"it",
            {"Caso complesso per la Sua squadra: {case_no}",
             "La pratica {case_no} ({service}) è stata affidata alla Sua squadra."}},
           {"es",
            {"Caso complejo para tu equipo: {case_no}",
             "El expediente {case_no} ({service}) se ha pasado a tu equipo."}},
           {"fr",
            {"Dossier complexe pour votre équipe : {case_no}",
             "Le dossier {case_no} ({service}) a été confié à votre équipe."}},
           {"pt",
            {"Caso complexo para a sua equipa: {case_no}",
             "O processo {case_no} ({service}) foi entregue à sua equipa."}},
           {"de",
            {"Schwieriger Fall für Ihr Team: {case_no}",
             "Der Vorgang {case_no} ({service}) wurde Ihrem Team übergeben."}},
       }},
  };
  return k;
}

const std::map<std::string, std::map<std::string, std::string>>& Pieces() {
  static const std::map<std::string, std::map<std::string, std::string>> k = {
      {"due",
       {
           {"zh-CN", "请在 {due} 前提交。"},
           {"en", " Please reply by {due}."},
           {"it", " Risponda entro il {due}."},
           {"es", " Responde antes del {due}."},
           {"fr", " Merci de répondre avant le {due}."},
           {"pt", " Responda até {due}."},
           {"de", " Bitte antworten Sie bis {due}."},
       }},
      {"what_identity",
       {
           {"zh-CN", "视频身份核验"},
           {"en", "Video identity check"},
           {"it", "Verifica dell’identità in video"},
           {"es", "Verificación de identidad por vídeo"},
           {"fr", "Vérification d’identité par vidéo"},
           {"pt", "Verificação de identidade por vídeo"},
           {"de", "Video-Identitätsprüfung"},
       }},
      {"what_window",
       {
           {"zh-CN", "窗口办理"},
           {"en", "Visit at the counter"},
           {"it", "Visita allo sportello"},
           {"es", "Atención en ventanilla"},
           {"fr", "Passage au guichet"},
           {"pt", "Atendimento presencial"},
           {"de", "Vorsprache am Schalter"},
       }},
      {"place_online",
       {
           {"zh-CN", "{unit}，线上视频"},
           {"en", "{unit}, online"},
           {"it", "{unit}, online"},
           {"es", "{unit}, en línea"},
           {"fr", "{unit}, en ligne"},
           {"pt", "{unit}, online"},
           {"de", "{unit}, online"},
       }},
      {"place_visit",
       {
           {"zh-CN", "{unit}，{address}"},
           {"en", "{unit}, {address}"},
           {"it", "{unit}, {address}"},
           {"es", "{unit}, {address}"},
           {"fr", "{unit}, {address}"},
           {"pt", "{unit}, {address}"},
           {"de", "{unit}, {address}"},
       }},
  };
  return k;
}

std::string Fill(std::string s, const json::object& vars) {
  for (const auto& kv : vars) {
    std::string key = "{" + std::string(kv.key()) + "}";
    std::string val =
        kv.value().is_string() ? std::string(kv.value().as_string()) : json::serialize(kv.value());
    for (size_t pos = s.find(key); pos != std::string::npos; pos = s.find(key, pos + val.size()))
      s.replace(pos, key.size(), val);
  }
  return s;
}

std::string Str(const json::object& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}
int64_t Int(const json::object& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_int64() ? it->value().as_int64() : 0;
}

std::string Locale(const std::string& locale) {
  return Templates().begin()->second.count(locale) ? locale : "en";
}

std::string Piece(const std::string& key, const std::string& locale) {
  const auto& p = Pieces().at(key);
  auto it = p.find(locale);
  return it != p.end() ? it->second : p.at("en");
}

//! Catalogue and unit texts come in Chinese and English ("zh", "en", and more languages as the
//! catalogue gains them); `Text::in` falls back to English.
std::string TextLang(const std::string& locale) { return locale == "zh-CN" ? "zh" : locale; }

//! "2026-11-24 08:00 UTC" from a stored timestamp.
std::string When(const std::string& ts) {
  if (ts.size() < 16) return ts;
  return ts.substr(0, 10) + " " + ts.substr(11, 5) + " UTC";
}

//! The recipient, unless the account is gone (deleted accounts get nothing).
std::optional<db::UserRow> Recipient(db::Transaction& tx, int64_t userId) {
  if (userId <= 0) return std::nullopt;
  auto u = tx.users().byId(userId);
  if (!u.ok() || u->disabled) return std::nullopt;
  return *u;
}

}  // namespace

const std::vector<std::string>& Kinds() {
  static const std::vector<std::string> k = [] {
    std::vector<std::string> v;
    for (const auto& [kind, _] : Templates()) v.push_back(kind);
    return v;
  }();
  return k;
}

std::string EmailCategory(const std::string& kind) {
  if (kind.rfind("appointment_", 0) == 0 || kind.rfind("identity_", 0) == 0) return "appointments";
  if (kind.rfind("consultation_", 0) == 0) return "consultations";
  return "cases";
}

Message Render(const std::string& kind, const std::string& locale, const json::object& vars) {
  Message m;
  m.kind = kind;
  auto t = Templates().find(kind);
  if (t == Templates().end()) {
    m.title = kind;
    return m;
  }
  std::string loc = Locale(locale);
  const Template& tpl = t->second.at(loc);
  m.title = Fill(tpl.title, vars);
  std::string body = tpl.body;
  if (!Str(vars, "due").empty()) body += Piece("due", loc);
  m.body = Fill(body, vars);
  m.link = Str(vars, "link");
  return m;
}

json::object AppointmentVars(const std::string& locale, const std::string& purpose,
                             const std::string& unitName, const std::string& address,
                             const std::string& startsAt) {
  std::string loc = Locale(locale);
  bool video = purpose == "identity";
  json::object unit{{"unit", unitName}, {"address", address}};
  return {
      {"what", Piece(video ? "what_identity" : "what_window", loc)},
      {"place", Fill(Piece(video || address.empty() ? "place_online" : "place_visit", loc), unit)},
      {"when", When(startsAt)}};
}

Status NotificationCenter::notify(db::Transaction& tx, const db::UserRow& user,
                                  const std::string& kind, const json::object& vars,
                                  const db::OutboxRow& event,
                                  std::vector<std::pair<int64_t, json::object>>& pushed) {
  Message m = Render(kind, user.locale, vars);
  db::NotificationRow n;
  n.userId = user.id;
  n.at = clock_.now();
  n.kind = kind;
  n.title = m.title;
  n.body = m.body;
  n.link = m.link;
  TB_ASSIGN_OR_RETURN(n.id, tx.notifications().insert(n));
  pushed.emplace_back(user.id, json::object{{"type", "notification"},
                                            {"notification",
                                             {{"id", n.id},
                                              {"kind", n.kind},
                                              {"title", n.title},
                                              {"body", n.body},
                                              {"link", n.link},
                                              {"at", TimeJson(n.at)}}}});
  if (!emailEnabled_ || !access::IsApplicant(access::RoleOf(user))) return Status::Ok();
  TB_ASSIGN_OR_RETURN(db::NotificationPrefsRow prefs, tx.notifications().preferences(user.id));
  std::string category = EmailCategory(kind);
  bool wanted = category == "appointments"    ? prefs.emailAppointments
                : category == "consultations" ? prefs.emailConsultations
                                              : prefs.emailCases;
  if (!wanted) return Status::Ok();
  db::DeliveryRow d;
  d.channel = "email";
  d.target = user.email;
  d.eventId = event.id;
  d.topic = event.topic;
  d.payload = json::serialize(json::object{
      {"subject", m.title}, {"body", m.body + "\n\n" + n.link}, {"locale", user.locale}});
  d.nextAttemptAt = d.createdAt = d.updatedAt = n.at;
  return tx.notifications().insertDelivery(d).status();
}

std::string NotificationCenter::serviceName(const std::string& itemCode,
                                            const std::string& locale) const {
  if (lookups_.catalog)
    if (auto cat = lookups_.catalog())
      if (const auto* item = cat->item(itemCode)) return item->name.in(TextLang(locale));
  return itemCode;
}

bool NotificationCenter::handle(const std::vector<db::OutboxRow>& events) {
  std::vector<std::pair<int64_t, json::object>> pushed;
  Status s = db_.write([&](db::Transaction& tx) -> Status {
    pushed.clear();
    TB_ASSIGN_OR_RETURN(auto hooks, tx.notifications().webhooks());
    for (const auto& e : events) TB_RETURN_IF_ERROR(handleOne(tx, e, hooks, pushed));
    return Status::Ok();
  });
  if (!s.ok()) return false;
  for (auto& [user, msg] : pushed) push_(user, msg);
  return true;
}

Status NotificationCenter::caseChanged(db::Transaction& tx, const json::object& p,
                                       const db::OutboxRow& event,
                                       std::vector<std::pair<int64_t, json::object>>& pushed) {
  std::string action = Str(p, "action"), to = Str(p, "to");
  // The workflow marks the transitions a person is told about ("notify_applicant"). Events
  // written before that flag travelled with them fall back to the same choice by action.
  bool marked;
  if (auto it = p.find("notify"); it != p.end() && it->value().is_bool())
    marked = it->value().as_bool();
  else
    marked = action == "submit" || action == "request_supplement" || action == "reject" ||
             action == "issue" || action == "deliver" || (to == "approved");
  if (!marked) return Status::Ok();
  int64_t caseId = Int(p, "case_id");
  auto c = tx.cases().byId(caseId);
  if (c.status().IsNotFound()) return Status::Ok();  // erased (a deleted draft)
  TB_RETURN_IF_ERROR(c.status());
  auto user = Recipient(tx, c->applicantId);
  if (!user) return Status::Ok();
  // Find this transition in the case's history. If the rule engine carried on from it in the
  // same transaction (the next step is the system's), only the last step is worth telling.
  TB_ASSIGN_OR_RETURN(auto history, tx.cases().history(caseId));
  const db::HistoryRow* self = nullptr;
  const db::HistoryRow* next = nullptr;
  for (size_t i = 0; i < history.size(); ++i) {
    const auto& h = history[i];
    if (h.action == action && h.toState == to && h.fromState == Str(p, "from") &&
        h.at == event.at) {
      self = &h;
      next = i + 1 < history.size() ? &history[i + 1] : nullptr;
    }
  }
  if (next && next->actorRole == "system") return Status::Ok();

  std::string kind = action == "submit"               ? "case_received"
                     : action == "request_supplement" ? "case_supplement"
                     : action == "reject"             ? "case_rejected"
                     : to == "approved"               ? "case_approved"
                     : action == "issue"              ? "case_issued"
                     : action == "deliver"            ? "case_delivered"
                                                      : "case_update";
  std::string service = c->itemCode;
  if (lookups_.catalog)
    if (auto cat = lookups_.catalog())
      if (const auto* item = cat->item(c->itemCode))
        service = item->name.in(TextLang(user->locale));
  json::object vars{
      {"service", service}, {"case_no", c->caseNo}, {"link", "/cases/" + std::to_string(caseId)}};
  if (kind == "case_supplement" || kind == "case_rejected")
    vars["note"] = self ? self->note : std::string();
  if (kind == "case_supplement" && c->supplementDue) vars["due"] = FormatDate(*c->supplementDue);
  return notify(tx, *user, kind, vars, event, pushed);
}

Status NotificationCenter::deliveryChanged(db::Transaction& tx, const json::object& p,
                                           const db::OutboxRow& event,
                                           std::vector<std::pair<int64_t, json::object>>& pushed) {
  if (auto it = p.find("notify"); it == p.end() || !it->value().is_bool() || !it->value().as_bool())
    return Status::Ok();
  std::string what = Str(p, "kind"), option = Str(p, "option");
  bool code = option == "pickup" || option == "home";
  std::string kind = what == "dispatched"                            ? "delivery_dispatched"
                     : what == "delivered"                           ? "delivery_arrived"
                     : what == "failed"                              ? "delivery_failed"
                     : what == "returned"                            ? "delivery_returned"
                     : what == "code_locked"                         ? "delivery_code_locked"
                     : what == "assigned"                            ? "delivery_home_assigned"
                     : code && (what == "ready" || what == "resent") ? "delivery_pickup_ready"
                                                                     : "";
  if (kind.empty()) return Status::Ok();
  int64_t caseId = Int(p, "case_id");
  auto c = tx.cases().byId(caseId);
  if (c.status().IsNotFound()) return Status::Ok();
  TB_RETURN_IF_ERROR(c.status());
  auto user = Recipient(tx, c->applicantId);
  if (!user) return Status::Ok();
  std::string lang = TextLang(user->locale);
  std::string service = c->itemCode;
  if (lookups_.catalog)
    if (auto cat = lookups_.catalog())
      if (const auto* item = cat->item(c->itemCode)) service = item->name.in(lang);
  std::string site;
  if (lookups_.units && Int(p, "site_unit_id"))
    if (auto units = lookups_.units())
      if (const auto* u = units->byId(Int(p, "site_unit_id"))) {
        auto names = catalog::UnitDirectory::Name(*u);
        auto it = names.find(lang);
        if (it == names.end()) it = names.find("en");
        if (it != names.end() && it->value().is_string())
          site = std::string(it->value().as_string());
      }
  // The note of the step, if staff or the carrier gave one (a failed delivery, a return).
  std::string note;
  auto d = tx.deliveries().byCase(caseId);
  if (d.ok()) {
    auto events = tx.deliveries().events(d->id);
    if (events.ok() && !events->empty() && events->back().kind == what) note = events->back().note;
  }
  json::object vars{{"service", service},
                    {"case_no", c->caseNo},
                    {"site", site},
                    {"carrier", Str(p, "carrier")},
                    {"tracking", Str(p, "tracking_no")},
                    {"note", note},
                    {"link", "/cases/" + std::to_string(caseId)}};
  return notify(tx, *user, kind, vars, event, pushed);
}

Status NotificationCenter::appointment(db::Transaction& tx, const std::string& kind,
                                       const json::object& p, const db::OutboxRow& event,
                                       std::vector<std::pair<int64_t, json::object>>& pushed) {
  auto user = Recipient(tx, Int(p, "applicant_id"));
  if (!user) return Status::Ok();
  std::string purpose = "identity", unitName, address, startsAt = Str(p, "starts_at");
  auto a = tx.appointments().byId(Int(p, "appointment_id"));
  if (a.ok()) {
    purpose = a->purpose;
    auto slot = tx.appointments().slotById(a->slotId);
    if (slot.ok()) {
      if (startsAt.empty()) startsAt = FormatTimestamp(slot->startsAt);
      if (lookups_.units)
        if (auto units = lookups_.units())
          if (const auto* u = units->byId(slot->unitId)) {
            bool zh = user->locale == "zh-CN";
            unitName = zh ? u->nameZh : u->nameEn;
            address = zh ? u->addressZh : u->addressEn;
          }
    }
  }
  json::object vars = AppointmentVars(user->locale, purpose, unitName, address, startsAt);
  vars["link"] = "/appointments";
  return notify(tx, *user, kind, vars, event, pushed);
}

Status NotificationCenter::handleOne(db::Transaction& tx, const db::OutboxRow& event,
                                     const std::vector<db::WebhookRow>& hooks,
                                     std::vector<std::pair<int64_t, json::object>>& pushed) {
  auto payload = ParseJsonObject(event.payloadJson);
  if (!payload.ok()) return Status::Ok();  // unreadable events are skipped, not retried forever
  const json::object& p = *payload;
  if (event.topic == "case.state_changed") {
    TB_RETURN_IF_ERROR(caseChanged(tx, p, event, pushed));
  } else if (event.topic == "appointment.booked") {
    TB_RETURN_IF_ERROR(appointment(tx, "appointment_booked", p, event, pushed));
  } else if (event.topic == "appointment.rescheduled") {
    TB_RETURN_IF_ERROR(appointment(tx, "appointment_rescheduled", p, event, pushed));
  } else if (event.topic == "appointment.cancelled") {
    TB_RETURN_IF_ERROR(appointment(tx, "appointment_cancelled", p, event, pushed));
  } else if (event.topic == "appointment.reminder") {
    TB_RETURN_IF_ERROR(appointment(tx, "appointment_reminder", p, event, pushed));
  } else if (event.topic == "identity.verified" && Str(p, "subject") == "family") {
    if (auto user = Recipient(tx, Int(p, "applicant_id")))
      TB_RETURN_IF_ERROR(notify(tx, *user, "family_verified",
                                {{"name", Str(p, "person_name")}, {"link", "/account"}}, event,
                                pushed));
  } else if (event.topic == "assist.consent_code" || event.topic == "case.assisted") {
    if (auto user = Recipient(tx, Int(p, "applicant_id"))) {
      std::string lang = TextLang(user->locale);
      std::string service = Str(p, "item_code"), site;
      if (lookups_.catalog)
        if (auto cat = lookups_.catalog())
          if (const auto* item = cat->item(service)) service = item->name.in(lang);
      if (lookups_.units && Int(p, "unit_id"))
        if (auto units = lookups_.units())
          if (const auto* u = units->byId(Int(p, "unit_id")))
            site = user->locale == "zh-CN" ? u->nameZh : u->nameEn;
      json::object vars{{"service", service}, {"officer", Str(p, "officer")}, {"site", site}};
      if (event.topic == "assist.consent_code") {
        vars["code"] = Str(p, "private_code");
        vars["minutes"] = std::to_string(Int(p, "minutes"));
        vars["link"] = "/inbox";
      } else {
        vars["case_no"] = Str(p, "case_no");
        vars["link"] = "/cases/" + std::to_string(Int(p, "case_id"));
      }
      TB_RETURN_IF_ERROR(notify(
          tx, *user, event.topic == "assist.consent_code" ? "assist_consent_code" : "case_assisted",
          vars, event, pushed));
    }
  } else if (event.topic == "identity.verified" || event.topic == "identity.rejected") {
    if (auto user = Recipient(tx, Int(p, "applicant_id")))
      TB_RETURN_IF_ERROR(notify(
          tx, *user, event.topic == "identity.verified" ? "identity_verified" : "identity_rejected",
          {{"link", "/appointments"}}, event, pushed));
  } else if (event.topic == "certificate.revoked" ||
             (event.topic == "certificate.issued" && p.contains("reissue") &&
              p.at("reissue").is_bool() && p.at("reissue").as_bool())) {
    // A first issue is told by the case's own `issue` step; a re-issue and a revocation are not
    // steps of the case, so they are told here.
    if (auto user = Recipient(tx, Int(p, "applicant_id"))) {
      std::string service = Str(p, "item_code");
      if (lookups_.catalog)
        if (auto cat = lookups_.catalog())
          if (const auto* item = cat->item(service))
            service = item->name.in(TextLang(user->locale));
      json::object vars{{"service", service}, {"case_no", Str(p, "case_no")}, {"link", "/wallet"}};
      if (event.topic == "certificate.revoked") vars["note"] = Str(p, "reason");
      TB_RETURN_IF_ERROR(notify(
          tx, *user,
          event.topic == "certificate.revoked" ? "certificate_revoked" : "certificate_reissued",
          vars, event, pushed));
    }
  } else if (event.topic == "mandate.used") {
    if (auto user = Recipient(tx, Int(p, "grantor_id"))) {
      std::string service = Str(p, "item_code");
      if (lookups_.catalog)
        if (auto cat = lookups_.catalog())
          if (const auto* item = cat->item(service))
            service = item->name.in(TextLang(user->locale));
      json::object vars{{"service", service},
                        {"case_no", Str(p, "case_no")},
                        {"grantee", Str(p, "grantee_name")},
                        {"mandate_id", std::to_string(Int(p, "mandate_id"))},
                        {"step", Str(p, "action")},
                        {"link", "/cases/" + std::to_string(Int(p, "case_id"))}};
      TB_RETURN_IF_ERROR(notify(tx, *user, "mandate_used", vars, event, pushed));
    }
  } else if (event.topic == "mandate.checked") {
    if (auto user = Recipient(tx, Int(p, "grantor_id"))) {
      bool approved =
          p.contains("approved") && p.at("approved").is_bool() && p.at("approved").as_bool();
      json::object vars{{"mandate_id", std::to_string(Int(p, "mandate_id"))},
                        {"note", Str(p, "note")},
                        {"link", "/mandates"}};
      TB_RETURN_IF_ERROR(notify(tx, *user, approved ? "mandate_verified" : "mandate_rejected", vars,
                                event, pushed));
    }
  } else if (event.topic == "payment.recorded" || event.topic == "payment.refunded") {
    if (auto user = Recipient(tx, Int(p, "applicant_id"))) {
      std::string service = Str(p, "item_code");
      if (lookups_.catalog)
        if (auto cat = lookups_.catalog())
          if (const auto* item = cat->item(service))
            service = item->name.in(TextLang(user->locale));
      json::object vars{{"service", service},
                        {"case_no", Str(p, "case_no")},
                        {"amount", Str(p, "amount")},
                        {"receipt_no", Str(p, "receipt_no")},
                        {"link", "/cases/" + std::to_string(Int(p, "case_id"))}};
      TB_RETURN_IF_ERROR(notify(
          tx, *user, event.topic == "payment.recorded" ? "payment_recorded" : "refund_recorded",
          vars, event, pushed));
    }
  } else if (event.topic == "green_channel.requested" || event.topic == "green_channel.escalated") {
    // Every supervisor of the level the request now waits at; their page is the decision list.
    auto ids = p.find("supervisor_ids");
    if (ids != p.end() && ids->value().is_array())
      for (const auto& id : ids->value().as_array())
        if (auto staff = Recipient(tx, id.is_int64() ? id.as_int64() : 0)) {
          json::object vars{{"service", serviceName(Str(p, "item_code"), staff->locale)},
                            {"case_no", Str(p, "case_no")},
                            {"due_at", When(Str(p, "due_at"))},
                            {"link", "/staff/green-channel"}};
          TB_RETURN_IF_ERROR(notify(tx, *staff,
                                    event.topic == "green_channel.requested"
                                        ? "green_channel_request"
                                        : "green_channel_escalated",
                                    vars, event, pushed));
        }
  } else if (event.topic == "green_channel.decided") {
    if (auto user = Recipient(tx, Int(p, "applicant_id"))) {
      bool approved = Str(p, "outcome") == "approved";
      json::object vars{{"service", serviceName(Str(p, "item_code"), user->locale)},
                        {"case_no", Str(p, "case_no")},
                        {"note", Str(p, "reason")},
                        {"link", "/cases/" + std::to_string(Int(p, "case_id"))}};
      if (approved) {
        auto c = tx.cases().byId(Int(p, "case_id"));
        vars["deadline"] = c.ok() && c->deadline ? FormatDate(*c->deadline) : std::string();
      }
      TB_RETURN_IF_ERROR(notify(tx, *user,
                                approved ? "green_channel_approved" : "green_channel_refused", vars,
                                event, pushed));
    }
  } else if (event.topic == "difficult.handed_over") {
    if (auto user = Recipient(tx, Int(p, "applicant_id")))
      TB_RETURN_IF_ERROR(notify(tx, *user, "specialist_team",
                                {{"service", serviceName(Str(p, "item_code"), user->locale)},
                                 {"case_no", Str(p, "case_no")},
                                 {"link", "/cases/" + std::to_string(Int(p, "case_id"))}},
                                event, pushed));
    auto ids = p.find("member_ids");
    if (ids != p.end() && ids->value().is_array())
      for (const auto& id : ids->value().as_array())
        if (auto staff = Recipient(tx, id.is_int64() ? id.as_int64() : 0))
          TB_RETURN_IF_ERROR(notify(tx, *staff, "difficult_assigned",
                                    {{"service", serviceName(Str(p, "item_code"), staff->locale)},
                                     {"case_no", Str(p, "case_no")},
                                     {"link", "/staff/difficult"}},
                                    event, pushed));
  } else if (event.topic == "delivery.updated") {
    TB_RETURN_IF_ERROR(deliveryChanged(tx, p, event, pushed));
  } else if (event.topic == "consultation.message") {
    // The message itself goes live to both sides; the other side also gets a notification.
    json::object live{{"type", "consultation.message"},
                      {"consultation_id", Int(p, "consultation_id")},
                      {"message",
                       {{"id", Int(p, "message_id")},
                        {"at", Str(p, "at")},
                        {"author_role", Str(p, "author_role")},
                        {"body", Str(p, "body")},
                        {"mine", Str(p, "author_role") == "applicant"}}}};
    pushed.emplace_back(Int(p, "applicant_id"), live);
    if (Int(p, "assignee_id")) pushed.emplace_back(Int(p, "assignee_id"), live);
    json::object vars{{"topic", Str(p, "topic")},
                      {"link", "/help/" + std::to_string(Int(p, "consultation_id"))}};
    if (Str(p, "author_role") == "applicant") {
      if (auto staff = Recipient(tx, Int(p, "assignee_id"))) {
        vars["link"] = "/staff/consult/" + std::to_string(Int(p, "consultation_id"));
        TB_RETURN_IF_ERROR(notify(tx, *staff, "consultation_message", vars, event, pushed));
      }
    } else if (auto user = Recipient(tx, Int(p, "applicant_id"))) {
      TB_RETURN_IF_ERROR(notify(tx, *user, "consultation_reply", vars, event, pushed));
    }
  }
  // Webhooks subscribed to this topic get the event itself, signed.
  for (const auto& h : hooks) {
    if (!h.active) continue;
    boost::system::error_code ec;
    auto topics = json::parse(h.topicsJson, ec);
    if (ec || !topics.is_array()) continue;
    bool wanted = false;
    for (const auto& t : topics.as_array()) wanted = wanted || t == event.topic.c_str() || t == "*";
    if (!wanted) continue;
    db::DeliveryRow d;
    d.channel = "webhook";
    d.target = h.url;
    d.webhookId = h.id;
    d.eventId = event.id;
    d.topic = event.topic;
    // What only the person may read (a one-time code) never leaves the server.
    json::object data;
    for (const auto& kv : p)
      if (!kv.key().starts_with("private_")) data.emplace(kv.key(), kv.value());
    d.payload = json::serialize(json::object{
        {"id", event.id}, {"topic", event.topic}, {"at", TimeJson(event.at)}, {"data", data}});
    d.nextAttemptAt = d.createdAt = d.updatedAt = clock_.now();
    TB_RETURN_IF_ERROR(tx.notifications().insertDelivery(d).status());
  }
  return Status::Ok();
}

}  // namespace tongban::notify
