#include "server/cli.h"

int main(int argc, char** argv) { return tongban::server::RunCli(argc, argv); }
