#pragma once

namespace tongban::server {

//! The `tongban` command line: serve, migrate, seed, user add. Returns the exit code.
int RunCli(int argc, char** argv);

}  // namespace tongban::server
