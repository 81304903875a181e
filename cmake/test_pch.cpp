// The translation unit that builds the test suite's shared precompiled header
// (smapi_test_pch in SmapiTesting.cmake); it has no code of its own.
