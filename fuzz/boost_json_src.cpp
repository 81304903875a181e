// Boost.JSON compiled into the fuzz build, so its parser is instrumented.
#include <boost/json/src.hpp>
