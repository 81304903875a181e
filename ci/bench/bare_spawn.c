/* The baseline of ci/bench-harness.sh: calls one exec plugin method N times
 * the plainest way, as xapi-storage-script would without any judging: spawn
 * `SCRIPT --json`, write the arguments to its stdin, read its stdout to the
 * end, reap it. Prints the nanoseconds the N calls took.
 *
 * usage: bare_spawn N ARGS_FILE SCRIPT */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char* what) {
  fprintf(stderr, "bare_spawn: %s: %s\n", what, strerror(errno));
  exit(2);
}

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: bare_spawn N ARGS_FILE SCRIPT\n");
    return 2;
  }
  long calls = strtol(argv[1], NULL, 10);
  char args[4096];
  FILE* file = fopen(argv[2], "r");
  if (!file) die(argv[2]);
  size_t args_len = fread(args, 1, sizeof args, file);
  fclose(file);
  char* child_argv[] = {argv[3], "--json", NULL};
  char buffer[65536];
  long long start = now_ns();
  for (long i = 0; i < calls; ++i) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) die("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    pid_t pid;
    if (posix_spawn(&pid, argv[3], &actions, NULL, child_argv, environ) != 0) die(argv[3]);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    if (write(in[1], args, args_len) != (ssize_t)args_len) die("write");
    close(in[1]);
    while (read(out[0], buffer, sizeof buffer) > 0) {
    }
    close(out[0]);
    int status;
    if (waitpid(pid, &status, 0) != pid) die("waitpid");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      fprintf(stderr, "bare_spawn: %s failed (status %d)\n", argv[3], status);
      return 2;
    }
  }
  printf("%lld\n", now_ns() - start);
  return 0;
}
