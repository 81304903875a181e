#pragma once
// `smapi-mock record`: calls a real plugin's read-only methods and writes a
// mock config that answers as it did (recording.h, record_client.h).

namespace smapi::mock {

// Runs the command on argv[2..]; returns the exit status: 0 written, 1 a
// call gave nothing to record or the file cannot be written, 2 usage.
int run_record(int argc, char** argv);

}  // namespace smapi::mock
