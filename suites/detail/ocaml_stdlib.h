#pragma once
// Two functions of the OCaml standard library that xapi's reading of a
// query_result depends on, reproduced for their exact results: how a text
// becomes an integer (int_of_string, Int64.of_string) and which of several
// equal elements List.sort_uniq keeps. Behaviour checked against OCaml 4.13's
// runtime and stdlib (list.ml sort_uniq; ints.c parse_intnat); the same code
// ships in every OCaml release xapi builds with.

#include "contract/ocaml_int.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace smapi::suites::detail {

// OCaml's int_of_string and Int64.of_string (contract/ocaml_int.h): the exec
// error record is read with it too.
using contract::ocaml_int_of_string;

// List.sort_uniq cmp l: sorted by cmp (negative, zero, positive), one element
// kept of each run of equal ones. Which one is kept is List.sort_uniq's
// merge order: neither always the first nor always the last.
template <class T, class Cmp>
std::vector<T> ocaml_sort_uniq(const std::vector<T>& list, Cmp cmp);

// ---------------------------------------------------------------------------
// Implementation. A list is a vector whose front is the head; `from` indexes
// the unconsumed tail of the input.

namespace ocaml_list {

// rev_merge / rev_merge_rev of the stdlib: merges two sorted runs into the
// reverse of their merge, one element kept of each equal pair. `up` picks
// ascending runs (rev_merge) or descending ones (rev_merge_rev).
template <class T, class Cmp>
std::vector<T> rev_merge(const std::vector<T>& l1, const std::vector<T>& l2, Cmp& cmp, bool up) {
  // `accu` is built by consing, so it is held reversed: accu = reverse(held).
  std::vector<T> held;
  std::size_t i = 0, j = 0;
  while (i < l1.size() && j < l2.size()) {
    const int c = cmp(l1[i], l2[j]);
    if (c == 0) {
      held.push_back(l1[i]);
      ++i;
      ++j;
    } else if (up ? c < 0 : c > 0) {
      held.push_back(l1[i++]);
    } else {
      held.push_back(l2[j++]);
    }
  }
  // rev_append rest accu == reverse(held ++ rest)
  for (; i < l1.size(); ++i) held.push_back(l1[i]);
  for (; j < l2.size(); ++j) held.push_back(l2[j]);
  return {held.rbegin(), held.rend()};
}

// sort (up) / rev_sort (!up) of the first n elements of list[from..]:
// the sorted run and the index after them.
template <class T, class Cmp>
std::pair<std::vector<T>, std::size_t> sort(std::size_t n, const std::vector<T>& list, std::size_t from,
                                            Cmp& cmp, bool up) {
  // The comparisons read cmp(a, b) < 0 when sorting up and > 0 when down.
  const auto before = [&](const T& a, const T& b) { return up ? cmp(a, b) < 0 : cmp(a, b) > 0; };
  if (n == 2) {
    const T& x1 = list[from];
    const T& x2 = list[from + 1];
    const int c = cmp(x1, x2);
    std::vector<T> s = c == 0 ? std::vector<T>{x1} : before(x1, x2) ? std::vector<T>{x1, x2} : std::vector<T>{x2, x1};
    return {std::move(s), from + 2};
  }
  if (n == 3) {
    const T& x1 = list[from];
    const T& x2 = list[from + 1];
    const T& x3 = list[from + 2];
    std::vector<T> s;
    if (cmp(x1, x2) == 0) {
      const int c = cmp(x2, x3);
      s = c == 0 ? std::vector<T>{x2} : before(x2, x3) ? std::vector<T>{x2, x3} : std::vector<T>{x3, x2};
    } else if (before(x1, x2)) {
      const int c = cmp(x2, x3);
      if (c == 0) {
        s = {x1, x2};
      } else if (before(x2, x3)) {
        s = {x1, x2, x3};
      } else {
        const int d = cmp(x1, x3);
        s = d == 0 ? std::vector<T>{x1, x2} : before(x1, x3) ? std::vector<T>{x1, x3, x2} : std::vector<T>{x3, x1, x2};
      }
    } else {
      const int c = cmp(x1, x3);
      if (c == 0) {
        s = {x2, x1};
      } else if (before(x1, x3)) {
        s = {x2, x1, x3};
      } else {
        const int d = cmp(x2, x3);
        s = d == 0 ? std::vector<T>{x2, x1} : before(x2, x3) ? std::vector<T>{x2, x3, x1} : std::vector<T>{x3, x2, x1};
      }
    }
    return {std::move(s), from + 3};
  }
  const std::size_t n1 = n / 2;
  const std::size_t n2 = n - n1;
  auto [s1, rest] = sort(n1, list, from, cmp, !up);
  auto [s2, tail] = sort(n2, list, rest, cmp, !up);
  // sort merges two rev_sort runs with rev_merge_rev; rev_sort two sort runs with rev_merge.
  return {rev_merge(s1, s2, cmp, !up), tail};
}

}  // namespace ocaml_list

template <class T, class Cmp>
std::vector<T> ocaml_sort_uniq(const std::vector<T>& list, Cmp cmp) {
  if (list.size() < 2) return list;
  return ocaml_list::sort(list.size(), list, 0, cmp, true).first;
}

}  // namespace smapi::suites::detail
