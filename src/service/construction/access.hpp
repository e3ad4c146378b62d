// Who may touch a project's construction records (issue #13: "contractors and utilities see only
// their assigned projects"). Every construction service reads its project through here.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/result.hpp"
#include "service/platform/actor.hpp"
#include "store/database.hpp"
#include "store/project/project_repository.hpp"

namespace huanxin::service {

// Whether the actor's role works on assignments (supervisor, contractor, utility, property,
// resident) rather than on everything under its scope.
bool WorksOnAssignments(const Actor& actor);

// The project `id` when the actor holds `permission`, the project lies inside the actor's scope and,
// for an assignment-based role, the actor is assigned to it (a `project` assignment, or an `estate`
// assignment of one of the project's estates). 403 auth.forbidden (permission), 404
// project.not_found, 403 auth.out_of_scope (scope or not assigned).
Result<store::ProjectRecord> ProjectForConstruction(store::Session& s, const Actor& actor, std::int64_t id,
                                                    std::string_view permission);

}  // namespace huanxin::service
