#pragma once
// The event topics the server writes to its outbox, which webhooks can subscribe to. This is the
// one list: POST /api/v1/webhooks accepts these (or "*"), GET /api/v1/event-topics shows them,
// and a unit test fails when code appends a topic that is missing here.

#include <string>
#include <string_view>
#include <vector>

namespace tongban {

struct EventTopic {
  std::string_view name;
  std::string_view descriptionZh;
  std::string_view descriptionEn;
};

const std::vector<EventTopic>& EventTopics();
bool IsEventTopic(std::string_view name);

}  // namespace tongban
