#include "reports/detail/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace smapi::reports::detail {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int error) {
  throw std::runtime_error("cannot " + what + " report file " + path.string() + ": " +
                           std::strerror(error));
}

// Closes and removes the temporary file unless released.
class TempFile {
 public:
  TempFile(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!released_) ::unlink(path_.c_str());
  }
  int fd() const { return fd_; }
  // Closes the descriptor; returns 0 or an errno value.
  int close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc == 0 ? 0 : errno;
  }
  void release() { released_ = true; }

 private:
  int fd_;
  std::filesystem::path path_;
  bool released_ = false;
};

}  // namespace

void write_file_atomically(const std::filesystem::path& file, std::string_view content) {
  if (file.empty()) throw std::runtime_error("cannot write report file: the path is empty");
  std::filesystem::path temp = file;
  temp += ".tmp." + std::to_string(::getpid());

  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("create", file, errno);
  TempFile guard(fd, temp);

  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(guard.fd(), content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write", file, errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(guard.fd()) != 0) fail("flush", file, errno);
  if (const int error = guard.close(); error != 0) fail("close", file, error);
  if (::rename(temp.c_str(), file.c_str()) != 0) fail("rename into place", file, errno);
  guard.release();
}

}  // namespace smapi::reports::detail
