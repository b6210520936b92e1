// ICU behind a C interface (see lurescan_icu.h). Each function is a direct call into ICU.
#include "lurescan_icu.h"

#include <unicode/normalizer2.h>
#include <unicode/bytestream.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>
#include <unicode/locid.h>
#include <cstring>
#include <string>
#include <vector>

using namespace icu;

namespace {

const Normalizer2 *nfkcCasefold() {
    static const Normalizer2 *instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const Normalizer2 *n = Normalizer2::getNFKCCasefoldInstance(status);
        return U_SUCCESS(status) ? n : nullptr;
    }();
    return instance;
}

const Normalizer2 *nfd() {
    static const Normalizer2 *instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const Normalizer2 *n = Normalizer2::getNFDInstance(status);
        return U_SUCCESS(status) ? n : nullptr;
    }();
    return instance;
}

const Normalizer2 *nfc() {
    static const Normalizer2 *instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const Normalizer2 *n = Normalizer2::getNFCInstance(status);
        return U_SUCCESS(status) ? n : nullptr;
    }();
    return instance;
}

int32_t copyOut(const std::string &result, char *dest, int32_t capacity) {
    int32_t size = static_cast<int32_t>(result.size());
    if (size <= capacity) memcpy(dest, result.data(), result.size());
    return size;
}

}  // namespace

extern "C" int32_t lsicu_nfkc_casefold(const char *src, int32_t length, char *dest, int32_t capacity) {
    const Normalizer2 *n = nfkcCasefold();
    if (n == nullptr) return -1;
    std::string out;
    StringByteSink<std::string> sink(&out);
    UErrorCode status = U_ZERO_ERROR;
    n->normalizeUTF8(0, StringPiece(src, length), sink, nullptr, status);
    if (U_FAILURE(status)) return -1;
    return copyOut(out, dest, capacity);
}

extern "C" int32_t lsicu_strip_marks(const char *src, int32_t length, char *dest, int32_t capacity) {
    const Normalizer2 *decompose = nfd();
    const Normalizer2 *compose = nfc();
    if (decompose == nullptr || compose == nullptr) return -1;
    std::string decomposed;
    StringByteSink<std::string> sink(&decomposed);
    UErrorCode status = U_ZERO_ERROR;
    decompose->normalizeUTF8(0, StringPiece(src, length), sink, nullptr, status);
    if (U_FAILURE(status)) return -1;

    std::string kept;
    int32_t i = 0, size = static_cast<int32_t>(decomposed.size());
    while (i < size) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(decomposed.data(), i, size, c);
        if (c >= 0 && u_charType(c) == U_NON_SPACING_MARK) continue;
        kept.append(decomposed, start, i - start);
    }
    std::string out;
    StringByteSink<std::string> outSink(&out);
    compose->normalizeUTF8(0, StringPiece(kept), outSink, nullptr, status);
    if (U_FAILURE(status)) return -1;
    return copyOut(out, dest, capacity);
}

extern "C" int lsicu_casefold_boundary_before(uint32_t c) {
    const Normalizer2 *n = nfkcCasefold();
    return n != nullptr && n->hasBoundaryBefore(static_cast<UChar32>(c)) ? 1 : 0;
}

extern "C" int32_t lsicu_script(uint32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
    return U_SUCCESS(status) ? static_cast<int32_t>(script) : 0;
}

extern "C" int lsicu_is_alphabetic(uint32_t c) {
    return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ALPHABETIC) ? 1 : 0;
}

extern "C" int lsicu_is_nonspacing_mark(uint32_t c) {
    return u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK ? 1 : 0;
}

extern "C" int32_t lsicu_skeleton(uint32_t c, char *dest, int32_t capacity) {
    static USpoofChecker *checker = [] {
        UErrorCode status = U_ZERO_ERROR;
        USpoofChecker *sc = uspoof_open(&status);
        return U_SUCCESS(status) ? sc : nullptr;
    }();
    if (checker == nullptr) return -1;
    char utf8[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(utf8, n, 4, static_cast<UChar32>(c), error);
    if (error) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t size = uspoof_getSkeletonUTF8(checker, 0, utf8, n, dest, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return size;
    return U_SUCCESS(status) ? size : -1;
}

extern "C" int32_t lsicu_detect_charset(const char *src, int32_t length, char *name, int32_t nameCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    ucsdet_setText(detector, src, length, &status);
    const UCharsetMatch *match = ucsdet_detect(detector, &status);
    int32_t confidence = -1;
    if (U_SUCCESS(status) && match != nullptr) {
        const char *detected = ucsdet_getName(match, &status);
        confidence = ucsdet_getConfidence(match, &status);
        if (U_FAILURE(status) || detected == nullptr || static_cast<int32_t>(strlen(detected)) >= nameCapacity) {
            confidence = -1;
        } else {
            strcpy(name, detected);
        }
    }
    ucsdet_close(detector);
    return confidence;
}

extern "C" int32_t lsicu_convert_to_utf8(const char *charset, const char *src, int32_t length,
                                         char *dest, int32_t *offsets, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -1;
    std::vector<UChar> units(static_cast<size_t>(length) * 2 + 4);
    std::vector<int32_t> unitOffsets(units.size());
    UChar *target = units.data();
    const char *source = src;
    ucnv_toUnicode(converter, &target, units.data() + units.size(), &source, src + length,
                   unitOffsets.data(), true, &status);
    ucnv_close(converter);
    if (U_FAILURE(status)) return -1;

    int32_t unitCount = static_cast<int32_t>(target - units.data());
    int32_t written = 0;
    int32_t i = 0;
    while (i < unitCount) {
        int32_t origin = unitOffsets[i];
        UChar32 c;
        U16_NEXT(units.data(), i, unitCount, c);
        char bytes[4];
        int32_t n = 0;
        UBool error = false;
        U8_APPEND(bytes, n, 4, c, error);
        if (error) { bytes[0] = '\xEF'; bytes[1] = '\xBF'; bytes[2] = '\xBD'; n = 3; }
        for (int32_t k = 0; k < n; k++) {
            if (written < capacity) {
                dest[written] = bytes[k];
                offsets[written] = origin;
            }
            written++;
        }
    }
    return written;
}

extern "C" int32_t lsicu_region_name(const char *region, const char *language, char *dest, int32_t capacity) {
    Locale place("und", region);
    UnicodeString name;
    place.getDisplayCountry(Locale(language), name);
    // ICU answers with the code itself when it has no name.
    if (name.isBogus() || name == UnicodeString(region, -1, US_INV)) return 0;
    std::string out;
    name.toUTF8String(out);
    return copyOut(out, dest, capacity);
}
