// SortedSpool<T, Less>: keeps any number of small plain records in bounded
// memory and hands them back sorted. Records collect in a buffer of
// `run_size` entries; a full buffer is sorted and appended to an anonymous
// temporary file as one run. Reading back sorts the last buffer and merges
// it with every run (a k-way merge, one small read buffer per run), so
// memory is about run_size records however many were added. Reading may
// be repeated; adding after reading starts new runs.
//
// The report writers use it to group records by host at the end of a scan
// (text, XML, grepable), the firewall aggregator to pair SYN and ACK per
// port. A temporary file that cannot be created or written turns into
// error() (the writer reports it like any write error) and the records
// added since are dropped, never half-kept.
#pragma once

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <unistd.h>
#include <vector>

namespace zeroscan {

// Records a spool keeps in memory before spilling a run, unless told.
inline constexpr std::size_t kSpoolRunSize = std::size_t(1) << 19;

template <typename T, typename Less>
class SortedSpool {
  static_assert(std::is_trivially_copyable<T>::value, "records are spooled as plain bytes");

 public:
  static constexpr std::size_t kDefaultRunSize = kSpoolRunSize;

  explicit SortedSpool(std::size_t run_size = kDefaultRunSize, Less less = Less())
      : run_size_(std::max<std::size_t>(run_size, 2)), less_(less) {}

  void add(const T& record) {
    if (!error_.empty()) return;
    if (buffer_.size() >= run_size_) spill();
    buffer_.push_back(record);
    ++size_;
  }

  std::size_t size() const { return size_; }
  std::size_t runs() const { return runs_.size(); }
  const std::string& error() const { return error_; }

  class Cursor;
  // Pulls the records one at a time, in Less order: for walking two spools
  // side by side. The spool must not change while a cursor is in use.
  Cursor cursor();

  // Calls visit(const T&) for every record, in Less order.
  template <typename Visit>
  void for_each(Visit&& visit) {
    Cursor records = cursor();
    while (const T* r = records.next()) visit(*r);
  }

 private:
  struct Run {
    std::size_t first;  // record offset in the file
    std::size_t count;
  };
  // Walks one run: a file run through a small buffer, or the sorted
  // in-memory buffer directly.
  class Reader {
   public:
    Reader(SortedSpool* spool, Run run, const T* memory = nullptr)
        : spool_(spool), run_(run), memory_(memory) {}
    bool load() {
      if (memory_) return run_.count > 0;
      return fill();
    }
    const T& current() const { return memory_ ? memory_[next_] : chunk_[next_ - chunk_first_]; }
    bool advance() {
      ++next_;
      if (next_ >= run_.count) return false;
      if (memory_ || next_ - chunk_first_ < chunk_.size()) return true;
      return fill();
    }

   private:
    static constexpr std::size_t kChunk = 4096;
    bool fill() {
      chunk_first_ = next_;
      const std::size_t n = std::min(kChunk, run_.count - next_);
      chunk_.resize(n);
      if (n == 0 || !spool_->read(chunk_.data(), run_.first + next_, n)) return false;
      return true;
    }
    SortedSpool* spool_;
    Run run_;
    const T* memory_;
    std::size_t next_ = 0;
    std::size_t chunk_first_ = 0;
    std::vector<T> chunk_;
  };

 public:
  // A k-way merge of every run and the sorted buffer.
  class Cursor {
   public:
    explicit Cursor(SortedSpool* spool) : less_(spool->less_) {
      readers_.reserve(spool->runs_.size() + 1);
      for (const Run& run : spool->runs_) readers_.emplace_back(spool, run);
      readers_.emplace_back(spool, Run{0, spool->buffer_.size()}, spool->buffer_.data());
      for (Reader& r : readers_)
        if (r.load()) heap_.push_back(&r);
      std::make_heap(heap_.begin(), heap_.end(), After{less_});
    }
    Cursor(const Cursor&) = delete;
    Cursor& operator=(const Cursor&) = delete;
    Cursor(Cursor&&) = default;  // readers_ keeps its storage, so heap_ stays valid

    // The next record (valid until the next call), or nullptr at the end.
    const T* next() {
      if (taken_) {
        if (taken_->advance()) {
          heap_.push_back(taken_);
          std::push_heap(heap_.begin(), heap_.end(), After{less_});
        }
        taken_ = nullptr;
      }
      if (heap_.empty()) return nullptr;
      std::pop_heap(heap_.begin(), heap_.end(), After{less_});
      taken_ = heap_.back();
      heap_.pop_back();
      return &taken_->current();
    }

   private:
    // Min-heap order of readers by their current record.
    struct After {
      Less less;
      bool operator()(const Reader* a, const Reader* b) const { return less(b->current(), a->current()); }
    };
    Less less_;
    std::vector<Reader> readers_;
    std::vector<Reader*> heap_;
    Reader* taken_ = nullptr;  // the reader whose record next() returned last
  };

 private:
  void spill() {
    std::sort(buffer_.begin(), buffer_.end(), less_);
    if (!file_) {
      file_.reset(std::tmpfile());
      if (!file_) return fail(errno);
    }
    const int fd = fileno(file_.get());
    const char* bytes = reinterpret_cast<const char*>(buffer_.data());
    std::size_t left = buffer_.size() * sizeof(T), done = 0;
    while (left > 0) {
      const ssize_t n = ::pwrite(fd, bytes + done, left, off_t(file_records_ * sizeof(T) + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return fail(n < 0 ? errno : ENOSPC);
      done += std::size_t(n);
      left -= std::size_t(n);
    }
    runs_.push_back(Run{file_records_, buffer_.size()});
    file_records_ += buffer_.size();
    buffer_.clear();
  }

  bool read(T* out, std::size_t first, std::size_t count) {
    char* bytes = reinterpret_cast<char*>(out);
    std::size_t left = count * sizeof(T), done = 0;
    while (left > 0) {
      const ssize_t n = ::pread(fileno(file_.get()), bytes + done, left, off_t(first * sizeof(T) + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        fail(n < 0 ? errno : EIO);
        return false;
      }
      done += std::size_t(n);
      left -= std::size_t(n);
    }
    return true;
  }

  void fail(int error_number) {
    if (error_.empty()) error_ = std::string("temporary spool file: ") + std::strerror(error_number);
    buffer_.clear();
    buffer_.shrink_to_fit();
  }

  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };

  std::size_t run_size_;
  Less less_;
  std::vector<T> buffer_;
  std::vector<Run> runs_;
  std::unique_ptr<std::FILE, FileCloser> file_;
  std::size_t file_records_ = 0;
  std::size_t size_ = 0;
  std::string error_;
};

template <typename T, typename Less>
typename SortedSpool<T, Less>::Cursor SortedSpool<T, Less>::cursor() {
  std::sort(buffer_.begin(), buffer_.end(), less_);
  return Cursor(this);
}

}  // namespace zeroscan
