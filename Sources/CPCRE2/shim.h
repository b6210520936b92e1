// PCRE2 for 8-bit code units: LureScan matches UTF-8 text.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
