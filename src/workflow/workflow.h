#pragma once
// Case workflows as data: states, transitions, the roles that may take each, and effects on
// the legal clock. Parsed from JSON and checked once at start-up, so a broken workflow stops
// the server instead of stranding cases.

#include <map>
#include <string>
#include <vector>

#include "common/json.h"
#include "common/status.h"

namespace tongban::workflow {

enum class StateKind { kDraft, kActive, kWaiting, kDone, kFinal };

enum class Effect { kStartClock, kPauseClock, kResumeClock, kStopClock, kNotifyApplicant };

struct Transition {
  std::string action;
  std::vector<std::string> from;
  std::string to;
  std::vector<std::string> roles;
  std::vector<Effect> effects;
  bool noteRequired = false;

  bool allows(const std::string& role) const;
  bool has(Effect e) const;
};

class Workflow {
 public:
  //! Parses and checks one workflow; errors name `where` and the offending field.
  static Result<Workflow> Parse(const json::object& spec, const std::string& where);

  const std::string& code() const { return code_; }
  const std::string& initial() const { return initial_; }
  //! The transition for `action` out of `state`, or nullptr.
  const Transition* find(const std::string& action, const std::string& state) const;
  //! Transitions out of `state` that `role` may take.
  std::vector<const Transition*> available(const std::string& state, const std::string& role) const;
  bool hasState(const std::string& s) const { return states_.count(s) != 0; }
  StateKind kind(const std::string& state) const;
  //! Who must act next in `state`: "applicant", a staff role ("officer", "supervisor", …) or
  //! "" when nobody must. A state may say so itself ("holder" in its JSON); otherwise drafts and
  //! waiting states are the applicant's, active states the officer's, done and final nobody's.
  std::string holder(const std::string& state) const;
  //! States in which a case still waits for someone (for queues and deadlines).
  std::vector<std::string> openStates() const;
  const std::vector<Transition>& transitions() const { return transitions_; }

 private:
  std::string code_;
  std::string initial_;
  std::map<std::string, StateKind> states_;
  std::map<std::string, std::string> holders_;  // only states that name their holder
  std::vector<Transition> transitions_;
};

class WorkflowSet {
 public:
  //! Parses every workflow in `specs` (code -> JSON text).
  static Result<WorkflowSet> Load(const std::map<std::string, std::string>& specs);
  const Workflow* get(const std::string& code) const;
  //! States open in any workflow.
  std::vector<std::string> openStates() const;

 private:
  std::map<std::string, Workflow> workflows_;
};

//! Roles known to the system; "system" is the rule engine acting for instant/auto items.
bool IsKnownRole(const std::string& role);
const std::vector<std::string>& KnownRoles();

}  // namespace tongban::workflow
