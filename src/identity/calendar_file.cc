#include "identity/calendar_file.h"

#include <map>

namespace tongban::identity {

namespace {

const std::map<std::string, std::map<std::string, std::string>>& Words() {
  static const std::map<std::string, std::map<std::string, std::string>> k = {
      {"summary_identity",
       {
           {"zh-CN", "视频身份核验（通办）"},
           {"en", "Video identity check (Tongban)"},
           {"it", "Verifica dell’identità in video (Tongban)"},
           {"es", "Verificación de identidad por vídeo (Tongban)"},
           {"fr", "Vérification d’identité par vidéo (Tongban)"},
           {"pt", "Verificação de identidade por vídeo (Tongban)"},
           {"de", "Video-Identitätsprüfung (Tongban)"},
       }},
      {"summary_window",
       {
           {"zh-CN", "窗口办理预约（通办）"},
           {"en", "Appointment at the counter (Tongban)"},
           {"it", "Appuntamento allo sportello (Tongban)"},
           {"es", "Cita en ventanilla (Tongban)"},
           {"fr", "Rendez-vous au guichet (Tongban)"},
           {"pt", "Atendimento presencial (Tongban)"},
           {"de", "Termin am Schalter (Tongban)"},
       }},
      {"online",
       {
           {"zh-CN", "线上视频通话"},
           {"en", "Online video call"},
           {"it", "Videochiamata online"},
           {"es", "Videollamada en línea"},
           {"fr", "Appel vidéo en ligne"},
           {"pt", "Videochamada online"},
           {"de", "Online-Videoanruf"},
       }},
      {"desc_identity",
       {
           {"zh-CN",
            "视频通话由{unit}的工作人员接听。请备好护照原件，在预约时间从通办的预约页面进入：{"
            "url}"},
           {"en",
            "An officer of {unit} will take the video call. Have your passport with you and join "
            "at the time from the appointments page of Tongban: {url}"},
           {"it",
            "Un funzionario di {unit} risponderà alla videochiamata. Tieni con te il passaporto ed "
            "entra all’ora fissata dalla pagina degli appuntamenti di Tongban: {url}"},
           {"es",
            "Un funcionario de {unit} atenderá la videollamada. Ten contigo el pasaporte y entra a "
            "la hora indicada desde la página de citas de Tongban: {url}"},
           {"fr",
            "Un agent de {unit} prendra l’appel vidéo. Ayez votre passeport avec vous et rejoignez "
            "l’appel à l’heure prévue depuis la page des rendez-vous de Tongban : {url}"},
           {"pt",
            "Um funcionário de {unit} atenderá a videochamada. Tenha o passaporte consigo e entre "
            "à hora marcada pela página de marcações do Tongban: {url}"},
           {"de",
            "Ein Mitarbeiter von {unit} nimmt den Videoanruf an. Halten Sie Ihren Reisepass bereit "
            "und treten Sie zur vereinbarten Zeit über die Terminseite von Tongban bei: {url}"},
       }},
      {"desc_window",
       {
           {"zh-CN", "请携带护照原件和事项要求的材料，按时到{unit}（{address}）。预约详情：{url}"},
           {"en",
            "Please come to {unit} ({address}) on time with your passport and the documents your "
            "service asks for. Details: {url}"},
           {"it",
            "Presentati puntuale a {unit} ({address}) con il passaporto e i documenti richiesti "
            "dal servizio. Dettagli: {url}"},
           {"es",
            "Acude puntualmente a {unit} ({address}) con tu pasaporte y los documentos que pide el "
            "trámite. Detalles: {url}"},
           {"fr",
            "Présentez-vous à l’heure à {unit} ({address}) avec votre passeport et les documents "
            "demandés pour la démarche. Détails : {url}"},
           {"pt",
            "Compareça a horas em {unit} ({address}) com o passaporte e os documentos pedidos para "
            "o serviço. Detalhes: {url}"},
           {"de",
            "Bitte kommen Sie pünktlich zu {unit} ({address}) und bringen Sie Ihren Reisepass und "
            "die für die Leistung verlangten Unterlagen mit. Details: {url}"},
       }},
      {"alarm",
       {
           {"zh-CN", "一小时后有预约"},
           {"en", "Appointment in one hour"},
           {"it", "Appuntamento tra un’ora"},
           {"es", "Cita dentro de una hora"},
           {"fr", "Rendez-vous dans une heure"},
           {"pt", "Marcação daqui a uma hora"},
           {"de", "Termin in einer Stunde"},
       }},
  };
  return k;
}

std::string Word(const std::string& key, const std::string& locale) {
  const auto& w = Words().at(key);
  auto it = w.find(locale);
  return it != w.end() ? it->second : w.at("en");
}

std::string Fill(std::string s, const std::string& key, const std::string& value) {
  for (size_t pos = s.find(key); pos != std::string::npos; pos = s.find(key, pos + value.size()))
    s.replace(pos, key.size(), value);
  return s;
}

bool Digits(const std::string& s, size_t from, size_t n) {
  for (size_t i = from; i < from + n; ++i)
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  return true;
}

}  // namespace

std::string IcsEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
      // Other control characters are not allowed in TEXT: drop them.
    } else {
      out += c;
    }
  }
  return out;
}

std::string IcsFold(std::string_view line) {
  std::string out;
  size_t width = 0;  // octets on the current physical line
  for (size_t i = 0; i < line.size();) {
    // Length of the UTF-8 sequence starting here.
    unsigned char b = static_cast<unsigned char>(line[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
    n = std::min(n, line.size() - i);
    if (width + n > 75) {
      out += "\r\n ";
      width = 1;  // the leading space counts
    }
    out.append(line.substr(i, n));
    width += n;
    i += n;
  }
  out += "\r\n";
  return out;
}

std::string IcsTime(const std::string& ts) {
  // 2026-11-24T08:00:00(.000)Z
  if (ts.size() < 20 || !Digits(ts, 0, 4) || ts[4] != '-' || !Digits(ts, 5, 2) || ts[7] != '-' ||
      !Digits(ts, 8, 2) || ts[10] != 'T' || !Digits(ts, 11, 2) || ts[13] != ':' ||
      !Digits(ts, 14, 2) || ts[16] != ':' || !Digits(ts, 17, 2) || ts.back() != 'Z')
    return "";
  return ts.substr(0, 4) + ts.substr(5, 2) + ts.substr(8, 2) + "T" + ts.substr(11, 2) +
         ts.substr(14, 2) + ts.substr(17, 2) + "Z";
}

std::string CalendarFile(const CalendarEvent& e) {
  std::string out;
  auto line = [&](const std::string& name, const std::string& value) {
    out += IcsFold(name + ":" + value);
  };
  line("BEGIN", "VCALENDAR");
  line("VERSION", "2.0");
  line("PRODID", "-//Tongban//Appointments//EN");
  line("CALSCALE", "GREGORIAN");
  line("METHOD", "PUBLISH");
  line("BEGIN", "VEVENT");
  line("UID", e.uid);
  line("DTSTAMP", IcsTime(e.stamp));
  line("DTSTART", IcsTime(e.start));
  line("DTEND", IcsTime(e.end));
  line("SUMMARY", IcsEscape(e.summary));
  if (!e.location.empty()) line("LOCATION", IcsEscape(e.location));
  if (!e.description.empty()) line("DESCRIPTION", IcsEscape(e.description));
  if (!e.url.empty()) line("URL", e.url);
  line("STATUS", e.cancelled ? "CANCELLED" : "CONFIRMED");
  line("SEQUENCE", e.cancelled ? "1" : "0");
  line("TRANSP", "OPAQUE");
  if (!e.alarm.empty() && !e.cancelled) {
    line("BEGIN", "VALARM");
    line("ACTION", "DISPLAY");
    line("TRIGGER", "-PT1H");
    line("DESCRIPTION", IcsEscape(e.alarm));
    line("END", "VALARM");
  }
  line("END", "VEVENT");
  line("END", "VCALENDAR");
  return out;
}

CalendarWords AppointmentWords(const std::string& locale, const std::string& purpose,
                               const std::string& unitName, const std::string& address,
                               const std::string& url) {
  bool video = purpose == "identity";
  std::string sep = locale == "zh-CN" ? "，" : ", ";
  std::string place = address.empty() ? unitName : unitName + sep + address;
  CalendarWords w;
  w.summary = Word(video ? "summary_identity" : "summary_window", locale);
  w.location = video ? Word("online", locale) + (locale == "zh-CN" ? "：" : " – ") + place : place;
  std::string d = Word(video ? "desc_identity" : "desc_window", locale);
  d = Fill(Fill(Fill(d, "{unit}", unitName), "{address}", address), "{url}", url);
  w.description = d;
  w.alarm = Word("alarm", locale);
  return w;
}

}  // namespace tongban::identity
