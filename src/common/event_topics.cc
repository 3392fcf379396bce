#include "common/event_topics.h"

namespace tongban {

const std::vector<EventTopic>& EventTopics() {
  static const std::vector<EventTopic> k = {
      {"case.created", "申请已创建（含草稿）", "An application was created (drafts included)"},
      {"case.state_changed", "办件状态变更（受理、补正、审批、办结等每一步）",
       "A case changed state (every step: accepted, documents requested, decided, issued…)"},
      {"delivery.updated", "办件结果的送达有新进展（选择方式、寄出、物流、退回、交付等）",
       "The delivery of a case's result moved on (chosen, posted, tracking, returned, handed "
       "over…)"},
      {"case.rated", "申请人对办件作出评价", "The applicant rated a finished case"},
      {"payment.recorded", "办件费用已缴纳（窗口、联络点现金或代缴）",
       "A fee was paid on a case (at a window, in cash at a liaison site, or by a proxy)"},
      {"payment.refund_due", "已缴费用因不予批准或撤回而待退还",
       "A paid fee is due for refund (the case was refused or withdrawn)"},
      {"payment.refunded", "已退还办件费用", "A fee was refunded"},
      {"mandate.used", "受托人依授权委托书代办了一步（含双方身份）",
       "A grantee took a step of a case under a power of attorney (both identities)"},
      {"mandate.checked", "授权委托书经审核通过或未通过",
       "A power of attorney was verified or refused"},
      {"mandate.revoked", "委托人撤销了授权委托书", "A grantor revoked a power of attorney"},
      {"green_channel.requested", "申请人申请绿色通道（加急办理），待值班领导审批",
       "An applicant asked for the green channel (expedited handling); the duty supervisors "
       "decide"},
      {"green_channel.escalated", "绿色通道申请超时未审批，已上报上一级单位",
       "A green-channel request was not decided in time and moved up to the unit above"},
      {"green_channel.decided", "绿色通道申请已批准或不予批准（含理由）",
       "A green-channel request was approved or refused (with the reason)"},
      {"difficult.handed_over", "办件已移交疑难案件专班",
       "A case was handed to the difficult-case team"},
      {"document.added", "办件中上传了材料", "A document was uploaded to a case"},
      {"appointment.booked", "预约已登记", "An appointment was booked"},
      {"appointment.rescheduled", "预约已改期", "An appointment was moved to another time"},
      {"appointment.cancelled", "预约已取消", "An appointment was cancelled"},
      {"appointment.reminder", "预约前一天的提醒已发出",
       "The reminder a day before an appointment was sent"},
      {"identity.verified", "视频身份核验通过", "A video identity check was approved"},
      {"identity.rejected", "视频身份核验未通过", "A video identity check was refused"},
      {"assist.consent_code", "工作人员请申请人用确认码同意代为提交（确认码不随事件发出）",
       "An officer asked a person at the desk to consent with a code (the code is not sent "
       "with the event)"},
      {"case.assisted", "工作人员经申请人同意代为提交了申请",
       "An officer submitted an application for a person at the desk, with their consent"},
      {"consultation.message", "咨询中有新消息（含消息正文）",
       "A new message in a consultation (with its text)"},
      {"certificate.issued", "出具了证明或决定书（含重新出具）",
       "A certificate or decision letter was issued (or issued again)"},
      {"certificate.revoked", "证明或决定书被撤销（含原因）",
       "A certificate or decision letter was revoked (with the reason)"},
      {"user.created", "新建了账户（申请人注册或管理员创建）",
       "An account was created (an applicant registered or an administrator added staff)"},
      {"user.deleted", "申请人注销了账户", "An applicant deleted their account"},
  };
  return k;
}

bool IsEventTopic(std::string_view name) {
  for (const auto& t : EventTopics())
    if (t.name == name) return true;
  return false;
}

}  // namespace tongban
