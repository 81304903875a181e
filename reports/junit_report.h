#pragma once
// The CI report: JUnit XML, as Jenkins, GitLab and GitHub test reporters read it.
//
//  <testsuites name="smapi-conform" tests= failures= errors= skipped= time=>
//    <testsuite name="smapi-conform" tests= failures= errors= skipped= time= timestamp=>
//      <properties> target, kind, transport, profile, verdict, tool version </properties>
//      <testcase classname="smapi.<area>" name="<ID>" time="<seconds>">
//        fail  -> <failure message="<ID>: <message>" type="MUST|SHOULD">transcripts</failure>
//                 (a SHOULD failure is still a <failure>; its message says "(SHOULD)")
//        error -> <error message="<ID>: <message>" type="MUST|SHOULD">transcripts</error>
//        skip  -> <skipped message="<message>"/>
//        warn  -> passes; <system-out> starts with "warning: <message>"
//        waived fail/error -> <skipped message="waived: <reason> (ticket, expires) [fail: ...]"/>
//                 (a waiver says "known, accepted for now": the job stays green,
//                 the skip is visible, <system-out> keeps the whole failure)
//        <system-out> one line per call the result rests on ("call #0
//                     Plugin.query: exited with status 0, after 12 ms")
//      </testcase>
//      <testcase classname="smapi.waivers" name="<ID> (<problem>)">   one per waiver
//        problem; an expired waiver is a <failure>, the others pass with a note
//      <system-out> every call's transcript, once: request, ending, reply,
//                   stderr, reproducer</system-out>
//
// Every failure and error body starts with the message and a line
// "reproducer: <one shell line>" when the evidence has one.
// A failure's, error's or waived failure's transcripts are those of the
// calls it cites. A testcase's time is the sum of its evidence calls' elapsed
// time. All text is XML-escaped valid UTF-8 without the characters XML 1.0
// forbids; a call's raw fields are quoted as detail::quote_limits says
// (ReportLimits::max_quoted_field_bytes, max_quoted_probe_field_bytes), other
// plugin text is cut to ReportLimits::max_evidence_field_bytes.

#include "reports/report_limits.h"
#include "suites/result.h"

#include <filesystem>
#include <string>

namespace smapi::reports {

// The JUnit XML document of a run.
std::string to_junit_xml(const suites::RunResult& run, const ReportLimits& limits = {});

// Writes the JUnit XML through a temporary file in the same directory and a
// rename. Throws std::runtime_error naming the path and the reason.
void write_junit_report(const suites::RunResult& run, const std::filesystem::path& file,
                        const ReportLimits& limits = {});

}  // namespace smapi::reports
