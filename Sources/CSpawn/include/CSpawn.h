// What Swift's Glibc module does not show of posix_spawn: closing every inherited descriptor from a
// number up, in the child, after the dup2 actions (glibc 2.34 and later).
#ifndef BATON_CSPAWN_H
#define BATON_CSPAWN_H

#include <spawn.h>

/// Adds "close every descriptor >= from" to `actions`. Returns 0, or an errno value; ENOSYS where the C library
/// has no such action.
int baton_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int from);

#endif
