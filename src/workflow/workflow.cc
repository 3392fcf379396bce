#include "workflow/workflow.h"

#include <algorithm>
#include <set>

namespace tongban::workflow {

const std::vector<std::string>& KnownRoles() {
  static const std::vector<std::string> kRoles = {"applicant",  "liaison", "officer", "supervisor",
                                                  "department", "admin",   "system"};
  return kRoles;
}

bool IsKnownRole(const std::string& role) {
  const auto& r = KnownRoles();
  return std::find(r.begin(), r.end(), role) != r.end();
}

bool Transition::allows(const std::string& role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}
bool Transition::has(Effect e) const {
  return std::find(effects.begin(), effects.end(), e) != effects.end();
}

namespace {

Status Err(const std::string& where, const std::string& field, const std::string& msg) {
  return Status::InvalidArgument(where + ": " + field + ": " + msg,
                                 {{field, {"invalid_workflow", msg}}});
}

Result<std::vector<std::string>> Strings(const json::object& o, const char* key,
                                         const std::string& where, const std::string& path) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_array())
    return Err(where, path + "." + key, "must be an array of strings");
  std::vector<std::string> out;
  for (const auto& v : it->value().as_array()) {
    if (!v.is_string()) return Err(where, path + "." + key, "must be an array of strings");
    out.emplace_back(v.as_string());
  }
  return out;
}

Result<std::string> String(const json::object& o, const char* key, const std::string& where,
                           const std::string& path) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string() || it->value().as_string().empty())
    return Err(where, path + "." + key, "must be a non-empty string");
  return std::string(it->value().as_string());
}

}  // namespace

Result<Workflow> Workflow::Parse(const json::object& spec, const std::string& where) {
  Workflow w;
  TB_ASSIGN_OR_RETURN(w.code_, String(spec, "code", where, "workflow"));
  std::string at = "workflow " + w.code_;
  TB_ASSIGN_OR_RETURN(w.initial_, String(spec, "initial", where, at));
  auto st = spec.find("states");
  if (st == spec.end() || !st->value().is_array())
    return Err(where, at + ".states", "must be an array");
  static const std::map<std::string, StateKind> kKinds = {{"draft", StateKind::kDraft},
                                                          {"active", StateKind::kActive},
                                                          {"waiting", StateKind::kWaiting},
                                                          {"done", StateKind::kDone},
                                                          {"final", StateKind::kFinal}};
  for (size_t i = 0; i < st->value().as_array().size(); ++i) {
    const auto& v = st->value().as_array()[i];
    std::string p = at + ".states[" + std::to_string(i) + "]";
    if (!v.is_object()) return Err(where, p, "must be an object");
    TB_ASSIGN_OR_RETURN(std::string name, String(v.as_object(), "name", where, p));
    TB_ASSIGN_OR_RETURN(std::string kind, String(v.as_object(), "kind", where, p));
    auto k = kKinds.find(kind);
    if (k == kKinds.end())
      return Err(where, p + ".kind",
                 "unknown kind '" + kind + "' (draft, active, waiting, done, final)");
    if (!w.states_.emplace(name, k->second).second)
      return Err(where, p + ".name", "duplicate state '" + name + "'");
    if (v.as_object().contains("holder")) {
      TB_ASSIGN_OR_RETURN(std::string holder, String(v.as_object(), "holder", where, p));
      if (holder != "none" && !IsKnownRole(holder))
        return Err(where, p + ".holder", "unknown role '" + holder + "' (or \"none\")");
      w.holders_[name] = holder == "none" ? "" : holder;
    }
  }
  if (!w.hasState(w.initial_)) return Err(where, at + ".initial", "is not a declared state");

  static const std::map<std::string, Effect> kEffects = {
      {"start_clock", Effect::kStartClock},
      {"pause_clock", Effect::kPauseClock},
      {"resume_clock", Effect::kResumeClock},
      {"stop_clock", Effect::kStopClock},
      {"notify_applicant", Effect::kNotifyApplicant}};
  auto tr = spec.find("transitions");
  if (tr == spec.end() || !tr->value().is_array())
    return Err(where, at + ".transitions", "must be an array");
  std::set<std::pair<std::string, std::string>> seen;  // (from, action)
  for (size_t i = 0; i < tr->value().as_array().size(); ++i) {
    const auto& v = tr->value().as_array()[i];
    std::string p = at + ".transitions[" + std::to_string(i) + "]";
    if (!v.is_object()) return Err(where, p, "must be an object");
    const auto& o = v.as_object();
    Transition t;
    TB_ASSIGN_OR_RETURN(t.action, String(o, "action", where, p));
    TB_ASSIGN_OR_RETURN(t.to, String(o, "to", where, p));
    TB_ASSIGN_OR_RETURN(t.from, Strings(o, "from", where, p));
    TB_ASSIGN_OR_RETURN(t.roles, Strings(o, "roles", where, p));
    if (!w.hasState(t.to)) return Err(where, p + ".to", "'" + t.to + "' is not a declared state");
    if (t.from.empty()) return Err(where, p + ".from", "must name at least one state");
    for (const auto& f : t.from) {
      if (!w.hasState(f)) return Err(where, p + ".from", "'" + f + "' is not a declared state");
      if (w.kind(f) == StateKind::kFinal)
        return Err(where, p + ".from", "'" + f + "' is final and cannot be left");
      if (!seen.emplace(f, t.action).second)
        return Err(where, p + ".action", "'" + t.action + "' out of '" + f + "' is declared twice");
    }
    if (t.roles.empty()) return Err(where, p + ".roles", "must name at least one role");
    for (const auto& r : t.roles)
      if (!IsKnownRole(r)) return Err(where, p + ".roles", "unknown role '" + r + "'");
    if (o.contains("effects")) {
      TB_ASSIGN_OR_RETURN(auto effects, Strings(o, "effects", where, p));
      for (const auto& e : effects) {
        auto k = kEffects.find(e);
        if (k == kEffects.end()) return Err(where, p + ".effects", "unknown effect '" + e + "'");
        t.effects.push_back(k->second);
      }
    }
    if (auto n = o.find("note_required"); n != o.end()) {
      if (!n->value().is_bool()) return Err(where, p + ".note_required", "must be true or false");
      t.noteRequired = n->value().as_bool();
    }
    w.transitions_.push_back(std::move(t));
  }
  // Every state is reachable from the initial one, and every non-final state can be left.
  std::set<std::string> reached{w.initial_};
  std::vector<std::string> todo{w.initial_};
  while (!todo.empty()) {
    std::string s = todo.back();
    todo.pop_back();
    for (const auto& t : w.transitions_)
      if (std::find(t.from.begin(), t.from.end(), s) != t.from.end() && reached.insert(t.to).second)
        todo.push_back(t.to);
  }
  for (const auto& [name, kind] : w.states_) {
    if (!reached.count(name))
      return Err(where, at + ".states",
                 "state '" + name + "' cannot be reached from '" + w.initial_ + "'");
    if (kind != StateKind::kFinal) {
      bool out = false;
      for (const auto& t : w.transitions_)
        out = out || std::find(t.from.begin(), t.from.end(), name) != t.from.end();
      if (!out) return Err(where, at + ".states", "non-final state '" + name + "' has no way out");
    }
  }
  return w;
}

const Transition* Workflow::find(const std::string& action, const std::string& state) const {
  for (const auto& t : transitions_)
    if (t.action == action && std::find(t.from.begin(), t.from.end(), state) != t.from.end())
      return &t;
  return nullptr;
}

std::vector<const Transition*> Workflow::available(const std::string& state,
                                                   const std::string& role) const {
  std::vector<const Transition*> out;
  for (const auto& t : transitions_)
    if (t.allows(role) && std::find(t.from.begin(), t.from.end(), state) != t.from.end())
      out.push_back(&t);
  return out;
}

StateKind Workflow::kind(const std::string& state) const {
  auto it = states_.find(state);
  return it == states_.end() ? StateKind::kFinal : it->second;
}

std::string Workflow::holder(const std::string& state) const {
  if (auto it = holders_.find(state); it != holders_.end()) return it->second;
  switch (kind(state)) {
    case StateKind::kDraft:
    case StateKind::kWaiting:
      return "applicant";
    case StateKind::kActive:
      return "officer";
    default:
      return "";
  }
}

std::vector<std::string> Workflow::openStates() const {
  std::vector<std::string> out;
  for (const auto& [name, kind] : states_)
    if (kind == StateKind::kActive || kind == StateKind::kWaiting) out.push_back(name);
  return out;
}

Result<WorkflowSet> WorkflowSet::Load(const std::map<std::string, std::string>& specs) {
  WorkflowSet set;
  for (const auto& [code, text] : specs) {
    auto obj = ParseJsonObject(text);
    if (!obj.ok()) return Status::InvalidArgument("workflow " + code + ": not a JSON object");
    TB_ASSIGN_OR_RETURN(Workflow w, Workflow::Parse(*obj, "workflow " + code));
    if (w.code() != code) return Status::InvalidArgument("workflow " + code + ": code mismatch");
    set.workflows_.emplace(code, std::move(w));
  }
  return set;
}

const Workflow* WorkflowSet::get(const std::string& code) const {
  auto it = workflows_.find(code);
  return it == workflows_.end() ? nullptr : &it->second;
}

std::vector<std::string> WorkflowSet::openStates() const {
  std::set<std::string> all;
  for (const auto& [c, w] : workflows_)
    for (auto& s : w.openStates()) all.insert(s);
  return {all.begin(), all.end()};
}

}  // namespace tongban::workflow
