// A thin C interface over the parts of ICU that LureScan uses. No ICU header is
// included here: Swift modules that import Foundation cannot also see ICU's headers.
#ifndef LURESCAN_ICU_H
#define LURESCAN_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// NFKC case folding of UTF-8 text. Returns the length of the result (which may exceed
/// `capacity`, then call again with a larger buffer), or -1 on error.
int32_t lsicu_nfkc_casefold(const char *src, int32_t length, char *dest, int32_t capacity);

/// Decomposes (NFD), drops nonspacing marks, recomposes (NFC). Same return contract.
int32_t lsicu_strip_marks(const char *src, int32_t length, char *dest, int32_t capacity);

/// 1 when NFKC case folding never combines `c` with the text before it.
int lsicu_casefold_boundary_before(uint32_t c);

/// The ICU script code of `c` (UScriptCode: 0 common, 1 inherited, 8 Cyrillic, 14 Greek, 25 Latin).
int32_t lsicu_script(uint32_t c);

/// 1 when `c` has the Alphabetic property.
int lsicu_is_alphabetic(uint32_t c);

/// 1 when `c` is a nonspacing mark (general category Mn).
int lsicu_is_nonspacing_mark(uint32_t c);

/// The confusable skeleton (UTS #39) of one code point, as UTF-8. Same return contract.
int32_t lsicu_skeleton(uint32_t c, char *dest, int32_t capacity);

/// Detects the charset of `src`. Writes its NUL-terminated name into `name` and returns
/// the detector's confidence (0-100), or -1 when nothing was detected.
int32_t lsicu_detect_charset(const char *src, int32_t length, char *name, int32_t nameCapacity);

/// Converts `src` from `charset` to UTF-8. For every byte written, `offsets` receives the
/// offset in `src` of the character it came from. Returns the number of bytes the result
/// needs (call again with larger buffers when it exceeds `capacity`), or -1 on error.
int32_t lsicu_convert_to_utf8(const char *charset, const char *src, int32_t length,
                              char *dest, int32_t *offsets, int32_t capacity);

/// The name of the region `region` (ISO 3166 code, e.g. "AR") in `language` (e.g. "es"), as
/// UTF-8. Same return contract as lsicu_skeleton; 0 when ICU knows no name for it.
int32_t lsicu_region_name(const char *region, const char *language, char *dest, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
