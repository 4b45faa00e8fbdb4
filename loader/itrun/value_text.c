/* value_text.c: itrun's text form of IT values (value_text.h): the
 * type-directed parser of command-line arguments and the printer that
 * writes what Node's console.log writes for the value it_loader.js gives
 * (util.inspect: { x: 1 }, [ 1, 2 ], 'quoted' strings inside, 7n,
 * Uint8Array(2) [ 1, 2 ], nesting past depth 2 as [Object] / [Array],
 * arrays past 100 items cut, long values broken over lines, arrays of many
 * short items in columns). */
#include "value_text.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A double the way JS Number.prototype.toString writes it: the shortest
 * digits that read back to the same value, in plain notation for exponents
 * -7 < n <= 21, else d.ddde+n. */
void format_number(double value, char *out, size_t size)
{
    if (isnan(value)) {
        snprintf(out, size, "NaN");
        return;
    }
    if (isinf(value)) {
        snprintf(out, size, value < 0 ? "-Infinity" : "Infinity");
        return;
    }
    if (value == 0) {
        snprintf(out, size, signbit(value) ? "-0" : "0");
        return;
    }
    char text[40];
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(text, sizeof text, "%.*e", precision - 1, value);
        if (strtod(text, NULL) == value) break;
    }
    /* text is [-]d[.ddd]e[+-]x */
    const char *p = text;
    bool negative = *p == '-';
    if (negative) p++;
    char digits[24];
    int k = 0;
    for (; *p && *p != 'e'; p++)
        if (*p != '.') digits[k++] = *p;
    while (k > 1 && digits[k - 1] == '0') k--;
    digits[k] = '\0';
    int n = atoi(p + 1) + 1; /* value = 0.digits * 10^n */
    size_t used = (size_t)snprintf(out, size, "%s", negative ? "-" : "");
    if (k <= n && n <= 21) {
        used += (size_t)snprintf(out + used, size - used, "%s", digits);
        for (int i = k; i < n && used + 1 < size; i++) out[used++] = '0';
        out[used] = '\0';
    } else if (0 < n && n <= 21) {
        snprintf(out + used, size - used, "%.*s.%s", n, digits, digits + n);
    } else if (-6 < n && n <= 0) {
        used += (size_t)snprintf(out + used, size - used, "0.");
        for (int i = 0; i < -n && used + 1 < size; i++) out[used++] = '0';
        snprintf(out + used, size - used, "%s", digits);
    } else {
        snprintf(out + used, size - used, "%c%s%s%se%c%d", digits[0],
                 k > 1 ? "." : "", digits + 1, "", n - 1 >= 0 ? '+' : '-',
                 abs(n - 1));
    }
}

/* ------------------------------------------------------------ printing */

/* The printer is Node 20's util.inspect (lib/internal/util/inspect.js) with
 * the options console.log gives it, applied to the value it_loader.js makes
 * of an IT value. As there, each value's text is built before its container
 * lays it out: whether the container fits on one line, or groups its
 * entries into columns, depends on the entries' lengths. */
enum {
    INSPECT_DEPTH = 2,          /* depth: objects deeper print as [Object] */
    INSPECT_ITEMS = 100,        /* maxArrayLength */
    INSPECT_CHARACTERS = 10000, /* maxStringLength (UTF-16 code units) */
    INSPECT_BREAK = 80,         /* breakLength */
    INSPECT_COMPACT = 3,        /* compact: 3 (it caps the columns of a group) */
    INSPECT_MIN_LINE = 16,      /* kMinLineLength: shorter strings never split */
};

/* The options a value is inspected with: console.log's, or, for one_line,
 * { compact: true, breakLength: Infinity } (everything on one line). */
typedef struct inspect_options {
    bool one_line;
} inspect_options;

/* Text being built. Once memory runs out it stays cut short, `failed`
 * set; whoever copies it into another passes that on. */
typedef struct text_buffer {
    char *data;
    size_t size, capacity;
    bool failed;
} text_buffer;

static void text_append(text_buffer *text, const void *data, size_t size)
{
    if (text->failed || size == 0) return;
    if (size > text->capacity - text->size) {
        size_t capacity = text->capacity ? text->capacity : 64;
        while (capacity - text->size < size) capacity *= 2;
        char *bigger = realloc(text->data, capacity);
        if (!bigger) {
            text->failed = true;
            return;
        }
        text->data = bigger;
        text->capacity = capacity;
    }
    memcpy(text->data + text->size, data, size);
    text->size += size;
}

static void text_puts(text_buffer *text, const char *string)
{
    text_append(text, string, strlen(string));
}

static void text_spaces(text_buffer *text, size_t count)
{
    static const char spaces[] = "                                ";
    for (; count > sizeof spaces - 1; count -= sizeof spaces - 1) text_append(text, spaces, sizeof spaces - 1);
    text_append(text, spaces, count);
}

/* A container's entries (inspect's `output`): their texts one after another
 * in `text`, entry i ending at ends[i]. An entry is written to `text`, then
 * closed with entry_end. */
typedef struct entry_list {
    text_buffer text;
    size_t *ends;
    size_t count, capacity;
} entry_list;

static void entry_end(entry_list *list)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        size_t *bigger = realloc(list->ends, capacity * sizeof *bigger);
        if (!bigger) {
            list->text.failed = true;
            return;
        }
        list->ends = bigger;
        list->capacity = capacity;
    }
    list->ends[list->count++] = list->text.size;
}

static it_string entry_text(const entry_list *list, size_t i)
{
    size_t start = i ? list->ends[i - 1] : 0;
    it_string text = {list->text.data + start, list->ends[i] - start};
    return text;
}

static void entry_list_free(entry_list *list)
{
    free(list->text.data);
    free(list->ends);
}

/* ------------------------------------------------------------ measures */

/* The code point of the UTF-8 sequence at text[*i], stepping past it; a
 * byte that starts no sequence stands for itself. */
static uint32_t utf8_next(const char *text, size_t size, size_t *i)
{
    const unsigned char *s = (const unsigned char *)text + *i;
    size_t left = size - *i, need = s[0] < 0xc0 ? 1 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
    if (need > left) need = 1;
    uint32_t code = need == 1 ? s[0] : need == 2 ? s[0] & 0x1fu : need == 3 ? s[0] & 0x0fu : s[0] & 0x07u;
    for (size_t k = 1; k < need; k++) code = code << 6 | (s[k] & 0x3fu);
    *i += need;
    return code;
}

static size_t utf8_encode(uint32_t code, char bytes[4])
{
    if (code < 0x80) {
        bytes[0] = (char)code;
        return 1;
    }
    if (code < 0x800) {
        bytes[0] = (char)(0xc0 | code >> 6), bytes[1] = (char)(0x80 | (code & 0x3f));
        return 2;
    }
    if (code < 0x10000) {
        bytes[0] = (char)(0xe0 | code >> 12), bytes[1] = (char)(0x80 | (code >> 6 & 0x3f));
        bytes[2] = (char)(0x80 | (code & 0x3f));
        return 3;
    }
    bytes[0] = (char)(0xf0 | code >> 18), bytes[1] = (char)(0x80 | (code >> 12 & 0x3f));
    bytes[2] = (char)(0x80 | (code >> 6 & 0x3f)), bytes[3] = (char)(0x80 | (code & 0x3f));
    return 4;
}

/* JS's String#length of UTF-8 text: UTF-16 code units. */
static size_t utf16_length(it_string text)
{
    size_t length = 0;
    for (size_t i = 0; i < text.size; i++) {
        unsigned char c = (unsigned char)text.data[i];
        if ((c & 0xc0) != 0x80) length += c >= 0xf0 ? 2 : 1;
    }
    return length;
}

/* BEGIN tests/loader/inspect/width_table.js */
/* width_table.js: Node v20.20.2, ICU 78.2, Unicode 17.0 */
static const uint32_t WIDTH_RUNS[] = {
    0x0, 0x81, 0x1fc, 0x281, 0xc00, 0xdc1, 0x120c, 0x1229, 0x1644, 0x16f9, 0x16fc, 0x1701, 0x1704,
    0x170d, 0x1710, 0x1719, 0x171c, 0x1721, 0x1800, 0x1819, 0x1840, 0x186d, 0x1870, 0x1875, 0x192c,
    0x1981, 0x19c0, 0x19c5, 0x1b58, 0x1b79, 0x1b7c, 0x1b95, 0x1b9c, 0x1ba5, 0x1ba8, 0x1bb9, 0x1c3c,
    0x1c41, 0x1c44, 0x1c49, 0x1cc0, 0x1d2d, 0x1e98, 0x1ec5, 0x1fac, 0x1fd1, 0x1ff4, 0x1ff9, 0x2058,
    0x2069, 0x206c, 0x2091, 0x2094, 0x20a1, 0x20a4, 0x20b9, 0x2164, 0x2171, 0x2240, 0x2249, 0x225c,
    0x2281, 0x2328, 0x240d, 0x24e8, 0x24ed, 0x24f0, 0x24f5, 0x2504, 0x2525, 0x2534, 0x2539, 0x2544,
    0x2561, 0x2588, 0x2591, 0x2604, 0x2609, 0x26f0, 0x26f5, 0x2704, 0x2715, 0x2734, 0x2739, 0x2788,
    0x2791, 0x27f8, 0x27fd, 0x2804, 0x280d, 0x28f0, 0x28f5, 0x2904, 0x290d, 0x291c, 0x2925, 0x292c,
    0x2939, 0x2944, 0x2949, 0x29c0, 0x29c9, 0x29d4, 0x29d9, 0x2a04, 0x2a0d, 0x2af0, 0x2af5, 0x2b04,
    0x2b19, 0x2b1c, 0x2b25, 0x2b34, 0x2b39, 0x2b88, 0x2b91, 0x2be8, 0x2c01, 0x2c04, 0x2c09, 0x2cf0,
    0x2cf5, 0x2cfc, 0x2d01, 0x2d04, 0x2d15, 0x2d34, 0x2d39, 0x2d54, 0x2d5d, 0x2d88, 0x2d91, 0x2e08,
    0x2e0d, 0x2f00, 0x2f05, 0x2f34, 0x2f39, 0x3000, 0x3005, 0x3010, 0x3015, 0x30f0, 0x30f5, 0x30f8,
    0x3105, 0x3118, 0x3125, 0x3128, 0x3139, 0x3154, 0x315d, 0x3188, 0x3191, 0x3204, 0x3209, 0x32f0,
    0x32f5, 0x32fc, 0x3301, 0x3318, 0x331d, 0x3330, 0x3339, 0x3388, 0x3391, 0x3400, 0x3409, 0x34ec,
    0x34f5, 0x3504, 0x3515, 0x3534, 0x3539, 0x3588, 0x3591, 0x3604, 0x3609, 0x3728, 0x372d, 0x3748,
    0x3755, 0x3758, 0x375d, 0x38c4, 0x38c9, 0x38d0, 0x38ed, 0x391c, 0x393d, 0x3ac4, 0x3ac9, 0x3ad0,
    0x3af5, 0x3b20, 0x3b3d, 0x3c60, 0x3c69, 0x3cd4, 0x3cd9, 0x3cdc, 0x3ce1, 0x3ce4, 0x3ce9, 0x3dc4,
    0x3dfd, 0x3e00, 0x3e15, 0x3e18, 0x3e21, 0x3e34, 0x3e61, 0x3e64, 0x3ef5, 0x3f18, 0x3f1d, 0x40b4,
    0x40c5, 0x40c8, 0x40e1, 0x40e4, 0x40ed, 0x40f4, 0x40fd, 0x4160, 0x4169, 0x4178, 0x4185, 0x41c4,
    0x41d5, 0x4208, 0x420d, 0x4214, 0x421d, 0x4234, 0x4239, 0x4274, 0x4279, 0x4402, 0x4581, 0x4d74,
    0x4d81, 0x5c48, 0x5c55, 0x5cc8, 0x5cd1, 0x5d48, 0x5d51, 0x5dc8, 0x5dd1, 0x5ed0, 0x5ed9, 0x5edc,
    0x5ef9, 0x5f18, 0x5f1d, 0x5f24, 0x5f51, 0x5f74, 0x5f79, 0x602c, 0x6041, 0x6214, 0x621d, 0x62a4,
    0x62a9, 0x6480, 0x648d, 0x649c, 0x64a5, 0x64c8, 0x64cd, 0x64e4, 0x64f1, 0x685c, 0x6865, 0x686c,
    0x6871, 0x6958, 0x695d, 0x6960, 0x697d, 0x6980, 0x6985, 0x6988, 0x698d, 0x6994, 0x69b5, 0x69cc,
    0x69f5, 0x69fc, 0x6a01, 0x6ac0, 0x6b79, 0x6b80, 0x6bb1, 0x6c00, 0x6c11, 0x6cd0, 0x6cd5, 0x6cd8,
    0x6ced, 0x6cf0, 0x6cf5, 0x6d08, 0x6d0d, 0x6dac, 0x6dd1, 0x6e00, 0x6e09, 0x6e88, 0x6e99, 0x6ea0,
    0x6ea9, 0x6eac, 0x6eb9, 0x6f98, 0x6f9d, 0x6fa0, 0x6fa9, 0x6fb4, 0x6fb9, 0x6fbc, 0x6fc9, 0x70b0,
    0x70d1, 0x70d8, 0x70e1, 0x7340, 0x734d, 0x7350, 0x7385, 0x7388, 0x73a5, 0x73b4, 0x73b9, 0x73d0,
    0x73d5, 0x73e0, 0x73e9, 0x7700, 0x7801, 0x802c, 0x8041, 0x80a8, 0x80bd, 0x8180, 0x8195, 0x8198,
    0x81c1, 0x8340, 0x83c5, 0x8c6a, 0x8c71, 0x8ca6, 0x8cad, 0x8fa6, 0x8fb5, 0x8fc2, 0x8fc5, 0x8fce,
    0x8fd1, 0x97f6, 0x97fd, 0x9852, 0x9859, 0x98c2, 0x98e1, 0x9922, 0x9951, 0x99fe, 0x9a01, 0x9a2a,
    0x9a41, 0x9a4e, 0x9a51, 0x9a86, 0x9a89, 0x9aaa, 0x9ab1, 0x9af6, 0x9afd, 0x9b12, 0x9b19, 0x9b3a,
    0x9b3d, 0x9b52, 0x9b55, 0x9baa, 0x9bad, 0x9bca, 0x9bd1, 0x9bd6, 0x9bd9, 0x9bea, 0x9bed, 0x9bf6,
    0x9bf9, 0x9c16, 0x9c19, 0x9c2a, 0x9c31, 0x9ca2, 0x9ca5, 0x9d32, 0x9d35, 0x9d3a, 0x9d3d, 0x9d4e,
    0x9d59, 0x9d5e, 0x9d61, 0x9e56, 0x9e61, 0x9ec2, 0x9ec5, 0x9efe, 0x9f01, 0xac6e, 0xac75, 0xad42,
    0xad45, 0xad56, 0xad59, 0xb3bc, 0xb3c9, 0xb5fc, 0xb601, 0xb780, 0xb801, 0xba02, 0xba69, 0xba6e,
    0xbbd1, 0xbc02, 0xbf59, 0xbfc2, 0xc0fd, 0xc106, 0xc25d, 0xc266, 0xc401, 0xc416, 0xc4c1, 0xc4c6,
    0xc63d, 0xc642, 0xc799, 0xc7be, 0xc87d, 0xc882, 0xc921, 0xc942, 0x29235, 0x29242, 0x2931d,
    0x299bc, 0x299cd, 0x299d0, 0x299f9, 0x29a78, 0x29a81, 0x29bc0, 0x29bc9, 0x2a008, 0x2a00d,
    0x2a018, 0x2a01d, 0x2a02c, 0x2a031, 0x2a094, 0x2a09d, 0x2a0b0, 0x2a0b5, 0x2a310, 0x2a319,
    0x2a380, 0x2a3c9, 0x2a3fc, 0x2a401, 0x2a498, 0x2a4b9, 0x2a51c, 0x2a549, 0x2a582, 0x2a5f5,
    0x2a600, 0x2a60d, 0x2a6cc, 0x2a6d1, 0x2a6d8, 0x2a6e9, 0x2a6f0, 0x2a6f9, 0x2a794, 0x2a799,
    0x2a8a4, 0x2a8bd, 0x2a8c4, 0x2a8cd, 0x2a8d4, 0x2a8dd, 0x2a90c, 0x2a911, 0x2a930, 0x2a935,
    0x2a9f0, 0x2a9f5, 0x2aac0, 0x2aac5, 0x2aac8, 0x2aad5, 0x2aadc, 0x2aae5, 0x2aaf8, 0x2ab01,
    0x2ab04, 0x2ab09, 0x2abb0, 0x2abb9, 0x2abd8, 0x2abdd, 0x2af94, 0x2af99, 0x2afa0, 0x2afa5,
    0x2afb4, 0x2afb9, 0x2b002, 0x35e91, 0x3e402, 0x3ec01, 0x3ec78, 0x3ec7d, 0x3f800, 0x3f842,
    0x3f869, 0x3f880, 0x3f8c2, 0x3f94d, 0x3f952, 0x3f99d, 0x3f9a2, 0x3f9b1, 0x3fbfc, 0x3fc01,
    0x3fc06, 0x3fd85, 0x3ff82, 0x3ff9d, 0x3ffe4, 0x3fff1, 0x407f4, 0x407f9, 0x40b80, 0x40b85,
    0x40dd8, 0x40ded, 0x42804, 0x42811, 0x42814, 0x4281d, 0x42830, 0x42841, 0x428e0, 0x428ed,
    0x428fc, 0x42901, 0x42b94, 0x42b9d, 0x43490, 0x434a1, 0x435a4, 0x435b9, 0x43aac, 0x43ab5,
    0x43be8, 0x43c01, 0x43d18, 0x43d45, 0x43e08, 0x43e19, 0x44004, 0x44009, 0x440e0, 0x4411d,
    0x441c0, 0x441c5, 0x441cc, 0x441d5, 0x441fc, 0x44209, 0x442cc, 0x442dd, 0x442e4, 0x442ed,
    0x442f4, 0x442f9, 0x44308, 0x4430d, 0x44334, 0x44339, 0x44400, 0x4440d, 0x4449c, 0x444b1,
    0x444b4, 0x444d5, 0x445cc, 0x445d1, 0x44600, 0x44609, 0x446d8, 0x446fd, 0x44724, 0x44735,
    0x4473c, 0x44741, 0x448bc, 0x448c9, 0x448d0, 0x448d5, 0x448d8, 0x448e1, 0x448f8, 0x448fd,
    0x44904, 0x44909, 0x44b7c, 0x44b81, 0x44b8c, 0x44bad, 0x44c00, 0x44c09, 0x44cec, 0x44cf5,
    0x44d00, 0x44d05, 0x44d98, 0x44db5, 0x44dc0, 0x44dd5, 0x44eec, 0x44f05, 0x44f38, 0x44f3d,
    0x44f40, 0x44f45, 0x44f48, 0x44f4d, 0x44f84, 0x44f8d, 0x450e0, 0x45101, 0x45108, 0x45115,
    0x45118, 0x4511d, 0x45178, 0x4517d, 0x452cc, 0x452e5, 0x452e8, 0x452ed, 0x452fc, 0x45305,
    0x45308, 0x45311, 0x456c8, 0x456d9, 0x456f0, 0x456f9, 0x456fc, 0x45705, 0x45770, 0x45779,
    0x458cc, 0x458ed, 0x458f4, 0x458f9, 0x458fc, 0x45905, 0x45aac, 0x45ab1, 0x45ab4, 0x45ab9,
    0x45ac0, 0x45ad9, 0x45adc, 0x45ae1, 0x45c74, 0x45c79, 0x45c7c, 0x45c81, 0x45c88, 0x45c99,
    0x45c9c, 0x45cb1, 0x460bc, 0x460e1, 0x460e4, 0x460ed, 0x464ec, 0x464f5, 0x464f8, 0x464fd,
    0x4650c, 0x46511, 0x46750, 0x46761, 0x46768, 0x46771, 0x46780, 0x46785, 0x46804, 0x4682d,
    0x468cc, 0x468e5, 0x468ec, 0x468fd, 0x4691c, 0x46921, 0x46944, 0x4695d, 0x46964, 0x46971,
    0x46a28, 0x46a5d, 0x46a60, 0x46a69, 0x46d80, 0x46d85, 0x46d88, 0x46d95, 0x46d98, 0x46d9d,
    0x470c0, 0x470dd, 0x470e0, 0x470f9, 0x470fc, 0x47101, 0x47248, 0x472a1, 0x472a8, 0x472c5,
    0x472c8, 0x472d1, 0x472d4, 0x472dd, 0x474c4, 0x474dd, 0x474e8, 0x474ed, 0x474f0, 0x474f9,
    0x474fc, 0x47519, 0x4751c, 0x47521, 0x47640, 0x47649, 0x47654, 0x47659, 0x4765c, 0x47661,
    0x47bcc, 0x47bd5, 0x47c00, 0x47c09, 0x47cd8, 0x47ced, 0x47d00, 0x47d05, 0x47d08, 0x47d0d,
    0x47d68, 0x47d6d, 0x4d0c0, 0x4d105, 0x4d11c, 0x4d159, 0x58478, 0x584a9, 0x584b4, 0x584c1,
    0x5abc0, 0x5abd5, 0x5acc0, 0x5acdd, 0x5bd3c, 0x5bd41, 0x5be3c, 0x5be4d, 0x5bf82, 0x5bf95,
    0x5bfc2, 0x5bfdd, 0x5c002, 0x63359, 0x633fe, 0x6347d, 0x63602, 0x637cd, 0x6bfc2, 0x6bfd1,
    0x6bfd6, 0x6bff1, 0x6bff6, 0x6bffd, 0x6c002, 0x6c48d, 0x6c4ca, 0x6c4cd, 0x6c542, 0x6c54d,
    0x6c556, 0x6c559, 0x6c592, 0x6c5a1, 0x6c5c2, 0x6cbf1, 0x6f274, 0x6f27d, 0x6f280, 0x6f291,
    0x73c00, 0x73cb9, 0x73cc0, 0x73d1d, 0x7457a, 0x74583, 0x74595, 0x7459c, 0x745a9, 0x745cc,
    0x7460d, 0x74614, 0x74631, 0x746a8, 0x746b9, 0x746ee, 0x746f7, 0x74705, 0x74908, 0x74915,
    0x74c02, 0x74d5d, 0x74d82, 0x74ddd, 0x76800, 0x768dd, 0x768ec, 0x769b5, 0x769d4, 0x769d9,
    0x76a10, 0x76a15, 0x76a6c, 0x76a81, 0x76a84, 0x76ac1, 0x78000, 0x7801d, 0x78020, 0x78065,
    0x7806c, 0x78089, 0x7808c, 0x78095, 0x78098, 0x780ad, 0x7823c, 0x78241, 0x784c0, 0x784dd,
    0x78ab8, 0x78abd, 0x78bb0, 0x78bc1, 0x793b0, 0x793c1, 0x797b8, 0x797c1, 0x79b8c, 0x79b91,
    0x79b98, 0x79b9d, 0x79bb8, 0x79bc1, 0x79bd4, 0x79bd9, 0x7a340, 0x7a35d, 0x7a510, 0x7a52d,
    0x7c012, 0x7c015, 0x7c33e, 0x7c341, 0x7c63a, 0x7c63d, 0x7c646, 0x7c66d, 0x7c79a, 0x7c80d,
    0x7c842, 0x7c8f1, 0x7c902, 0x7c925, 0x7c942, 0x7c949, 0x7c982, 0x7c999, 0x7cc02, 0x7cc85,
    0x7ccb6, 0x7ccd9, 0x7ccde, 0x7cdf5, 0x7cdfa, 0x7ce51, 0x7ce82, 0x7cf2d, 0x7cf3e, 0x7cf51,
    0x7cf82, 0x7cfc5, 0x7cfd2, 0x7cfd5, 0x7cfe2, 0x7d0fd, 0x7d102, 0x7d105, 0x7d10a, 0x7d3f5,
    0x7d3fe, 0x7d4f9, 0x7d52e, 0x7d53d, 0x7d542, 0x7d5a1, 0x7d5ea, 0x7d5ed, 0x7d656, 0x7d65d,
    0x7d692, 0x7d695, 0x7d7ee, 0x7d941, 0x7da02, 0x7db19, 0x7db32, 0x7db35, 0x7db42, 0x7db4d,
    0x7db56, 0x7db65, 0x7db72, 0x7db81, 0x7dbae, 0x7dbb5, 0x7dbd2, 0x7dbf5, 0x7df82, 0x7dfb1,
    0x7dfc2, 0x7dfc5, 0x7e432, 0x7e4ed, 0x7e4f2, 0x7e519, 0x7e51e, 0x7e801, 0x7e9c2, 0x7e9f5,
    0x7ea02, 0x7ea2d, 0x7ea3a, 0x7eb1d, 0x7eb22, 0x7eb25, 0x7eb36, 0x7eb75, 0x7eb7e, 0x7ebad,
    0x7ebbe, 0x7ebe5, 0x80002, 0xbfff9, 0xc0002, 0xffff9, 0x380004, 0x380009, 0x380080, 0x380201,
    0x380400, 0x3807c1,
};
static const uint32_t COMPOSING[][3] = {
    {0x9c7, 0x9be, 0x9cb}, {0x9c7, 0x9d7, 0x9cc}, {0xb47, 0xb3e, 0xb4b}, {0xb47, 0xb57, 0xb4c},
    {0xb92, 0xbd7, 0xb94}, {0xbc6, 0xbbe, 0xbca}, {0xbc6, 0xbd7, 0xbcc}, {0xbc7, 0xbbe, 0xbcb},
    {0xcc6, 0xcc2, 0xcca}, {0xcca, 0xcd5, 0xccb}, {0xd46, 0xd3e, 0xd4a}, {0xd46, 0xd57, 0xd4c},
    {0xd47, 0xd3e, 0xd4b}, {0xdd9, 0xdcf, 0xddc}, {0xdd9, 0xddf, 0xdde}, {0x1b05, 0x1b35, 0x1b06},
    {0x1b07, 0x1b35, 0x1b08}, {0x1b09, 0x1b35, 0x1b0a}, {0x1b0b, 0x1b35, 0x1b0c},
    {0x1b0d, 0x1b35, 0x1b0e}, {0x1b11, 0x1b35, 0x1b12}, {0x1b3e, 0x1b35, 0x1b40},
    {0x1b3f, 0x1b35, 0x1b41}, {0x3046, 0x3099, 0x3094}, {0x304b, 0x3099, 0x304c},
    {0x304d, 0x3099, 0x304e}, {0x304f, 0x3099, 0x3050}, {0x3051, 0x3099, 0x3052},
    {0x3053, 0x3099, 0x3054}, {0x3055, 0x3099, 0x3056}, {0x3057, 0x3099, 0x3058},
    {0x3059, 0x3099, 0x305a}, {0x305b, 0x3099, 0x305c}, {0x305d, 0x3099, 0x305e},
    {0x305f, 0x3099, 0x3060}, {0x3061, 0x3099, 0x3062}, {0x3064, 0x3099, 0x3065},
    {0x3066, 0x3099, 0x3067}, {0x3068, 0x3099, 0x3069}, {0x306f, 0x3099, 0x3070},
    {0x306f, 0x309a, 0x3071}, {0x3072, 0x3099, 0x3073}, {0x3072, 0x309a, 0x3074},
    {0x3075, 0x3099, 0x3076}, {0x3075, 0x309a, 0x3077}, {0x3078, 0x3099, 0x3079},
    {0x3078, 0x309a, 0x307a}, {0x307b, 0x3099, 0x307c}, {0x307b, 0x309a, 0x307d},
    {0x309d, 0x3099, 0x309e}, {0x30a6, 0x3099, 0x30f4}, {0x30ab, 0x3099, 0x30ac},
    {0x30ad, 0x3099, 0x30ae}, {0x30af, 0x3099, 0x30b0}, {0x30b1, 0x3099, 0x30b2},
    {0x30b3, 0x3099, 0x30b4}, {0x30b5, 0x3099, 0x30b6}, {0x30b7, 0x3099, 0x30b8},
    {0x30b9, 0x3099, 0x30ba}, {0x30bb, 0x3099, 0x30bc}, {0x30bd, 0x3099, 0x30be},
    {0x30bf, 0x3099, 0x30c0}, {0x30c1, 0x3099, 0x30c2}, {0x30c4, 0x3099, 0x30c5},
    {0x30c6, 0x3099, 0x30c7}, {0x30c8, 0x3099, 0x30c9}, {0x30cf, 0x3099, 0x30d0},
    {0x30cf, 0x309a, 0x30d1}, {0x30d2, 0x3099, 0x30d3}, {0x30d2, 0x309a, 0x30d4},
    {0x30d5, 0x3099, 0x30d6}, {0x30d5, 0x309a, 0x30d7}, {0x30d8, 0x3099, 0x30d9},
    {0x30d8, 0x309a, 0x30da}, {0x30db, 0x3099, 0x30dc}, {0x30db, 0x309a, 0x30dd},
    {0x30ef, 0x3099, 0x30f7}, {0x30f0, 0x3099, 0x30f8}, {0x30f1, 0x3099, 0x30f9},
    {0x30f2, 0x3099, 0x30fa}, {0x30fd, 0x3099, 0x30fe}, {0x11347, 0x1133e, 0x1134b},
    {0x11347, 0x11357, 0x1134c}, {0x11382, 0x113c9, 0x11383}, {0x1138b, 0x113c2, 0x1138e},
    {0x11390, 0x113c9, 0x11391}, {0x113c2, 0x113b8, 0x113c7}, {0x113c2, 0x113c2, 0x113c5},
    {0x113c2, 0x113c9, 0x113c8}, {0x114b9, 0x114b0, 0x114bc}, {0x114b9, 0x114bd, 0x114be},
    {0x115b8, 0x115af, 0x115ba}, {0x115b9, 0x115af, 0x115bb}, {0x11935, 0x11930, 0x11938},
    {0x16d63, 0x16d67, 0x16d69}, {0x16d67, 0x16d67, 0x16d68}, {0x16d69, 0x16d67, 0x16d6a},
};
/* END tests/loader/inspect/width_table.js */

/* The columns Node's getStringWidth gives one code point. */
static unsigned code_width(uint32_t code)
{
    size_t low = 0, high = sizeof WIDTH_RUNS / sizeof *WIDTH_RUNS; /* the run is below high */
    while (high - low > 1) {
        size_t middle = low + (high - low) / 2;
        if (WIDTH_RUNS[middle] >> 2 <= code) low = middle;
        else high = middle;
    }
    return WIDTH_RUNS[low] & 3;
}

/* What NFC makes of code point `first` followed by `second`, when that
 * changes the width (COMPOSING, and Hangul jamo by their rule); else 0. */
static uint32_t compose(uint32_t first, uint32_t second)
{
    enum { S_BASE = 0xac00, L_BASE = 0x1100, V_BASE = 0x1161, T_BASE = 0x11a7, V_COUNT = 21, T_COUNT = 28 };
    if (first >= L_BASE && first < L_BASE + 19 && second >= V_BASE && second < V_BASE + V_COUNT)
        return S_BASE + ((first - L_BASE) * V_COUNT + (second - V_BASE)) * T_COUNT;
    if (first >= S_BASE && first < S_BASE + 11172 && (first - S_BASE) % T_COUNT == 0 && second > T_BASE &&
        second < T_BASE + T_COUNT)
        return first + (second - T_BASE);
    size_t low = 0, high = sizeof COMPOSING / sizeof *COMPOSING;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const uint32_t *entry = COMPOSING[middle];
        if (entry[0] == first && entry[1] == second) return entry[2];
        if (entry[0] < first || (entry[0] == first && entry[1] < second)) low = middle + 1;
        else high = middle;
    }
    return 0;
}

/* getStringWidth(text, false), the measure of the entries util.inspect
 * groups into columns: the columns of each code point of the text after
 * NFC. Of NFC, only the compositions that change the width are made, and
 * only of code points side by side (NFC also composes a kana with a
 * voiced mark after other combining marks: such text measures wider). */
static size_t text_width(it_string text)
{
    size_t width = 0;
    uint32_t previous = 0;
    for (size_t i = 0; i < text.size;) {
        uint32_t code = utf8_next(text.data, text.size, &i);
        uint32_t composed = compose(previous, code);
        if (composed) {
            width = width + code_width(composed) - code_width(previous);
            previous = composed;
        } else {
            width += code_width(code);
            previous = code;
        }
    }
    return width;
}

/* ------------------------------------------------------------ strings */

static bool holds(const char *data, size_t size, const char *part)
{
    size_t length = strlen(part);
    for (size_t i = 0; i + length <= size; i++)
        if (memcmp(data + i, part, length) == 0) return true;
    return false;
}

/* A string in quotes as util.inspect's strEscape writes it: in single
 * quotes; in double quotes if it holds a single one but no double one; in
 * backquotes if it holds both but no backquote and no "${". The backslash,
 * C0 and C1 controls and a single quote inside single quotes are escaped.
 * `dangling` is a high surrogate ending the JS string (cut there by
 * maxStringLength), or 0. */
static void quote_string(it_string text, uint32_t dangling, text_buffer *out)
{
    char quote = '\'';
    if (memchr(text.data, '\'', text.size)) {
        if (!memchr(text.data, '"', text.size)) quote = '"';
        else if (!memchr(text.data, '`', text.size) && !holds(text.data, text.size, "${")) quote = '`';
    }
    text_append(out, &quote, 1);
    size_t plain = 0; /* the bytes from here to the current one are copied as they are */
    for (size_t i = 0; i < text.size;) {
        size_t at = i;
        uint32_t code = utf8_next(text.data, text.size, &i);
        char escape[8] = "";
        switch (code) {
        case '\b': strcpy(escape, "\\b"); break;
        case '\t': strcpy(escape, "\\t"); break;
        case '\n': strcpy(escape, "\\n"); break;
        case '\f': strcpy(escape, "\\f"); break;
        case '\r': strcpy(escape, "\\r"); break;
        case '\\': strcpy(escape, "\\\\"); break;
        case '\'':
            if (quote == '\'') strcpy(escape, "\\'");
            break;
        default:
            if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) snprintf(escape, sizeof escape, "\\x%02X", code);
            break;
        }
        if (!escape[0]) continue;
        text_append(out, text.data + plain, at - plain);
        text_puts(out, escape);
        plain = i;
    }
    text_append(out, text.data + plain, text.size - plain);
    if (dangling) {
        char escape[16];
        snprintf(escape, sizeof escape, "\\u%04" PRIx32, dangling);
        text_puts(out, escape);
    }
    text_append(out, &quote, 1);
}

/* A string inside a value (formatPrimitive): quoted, cut after
 * maxStringLength code units, and, if long for the room left on the line
 * and not one_line, split after each newline into quoted pieces joined by
 * " +" and a line break. `indentation` is the column of its line. */
static void format_string(const inspect_options *options, it_string text, size_t indentation, text_buffer *out)
{
    if (!text.data) text.data = ""; /* an empty it_string may have no data */
    size_t length = utf16_length(text), remaining = 0;
    uint32_t dangling = 0;
    if (length > INSPECT_CHARACTERS) {
        size_t units = 0, i = 0;
        while (units < INSPECT_CHARACTERS) {
            size_t at = i;
            uint32_t code = utf8_next(text.data, text.size, &i);
            if (code > 0xffff && units + 2 > INSPECT_CHARACTERS) {
                dangling = 0xd800 + ((code - 0x10000) >> 10); /* the cut leaves its first half */
                i = at;
                break;
            }
            units += code > 0xffff ? 2 : 1;
        }
        text.size = i;
        remaining = length - INSPECT_CHARACTERS;
        length = INSPECT_CHARACTERS;
    }
    if (!options->one_line && length > INSPECT_MIN_LINE && length + indentation + 4 > INSPECT_BREAK) {
        size_t start = 0;
        for (size_t i = 0; i < text.size; i++) {
            if (text.data[i] != '\n' || (i + 1 == text.size && !dangling)) continue;
            it_string line = {text.data + start, i + 1 - start};
            quote_string(line, 0, out);
            text_puts(out, " +\n");
            text_spaces(out, indentation + 2);
            start = i + 1;
        }
        text.data += start;
        text.size -= start;
    }
    quote_string(text, dangling, out);
    if (remaining) {
        char trailer[64];
        snprintf(trailer, sizeof trailer, "... %zu more character%s", remaining, remaining > 1 ? "s" : "");
        text_puts(out, trailer);
    }
}

/* A property name: as it is if it matches /^[a-zA-Z_][a-zA-Z_0-9]*$/,
 * else quoted; an own `__proto__` as ['__proto__'], as Node shows it. Then ": ". */
static void format_key(const char *label, text_buffer *out)
{
    if (strcmp(label, "__proto__") == 0) {
        text_puts(out, "['__proto__']: ");
        return;
    }
    bool word = isalpha((unsigned char)label[0]) || label[0] == '_';
    for (const char *p = label; word && *p; p++) word = isalnum((unsigned char)*p) || *p == '_';
    it_string text = {label, strlen(label)};
    if (word) text_append(out, text.data, text.size);
    else quote_string(text, 0, out);
    text_puts(out, ": ");
}

/* ------------------------------------------------------------ layout */

/* groupArrayElements: the entries of an array of more than 6 laid out in
 * columns (each row an entry of `rows`), numbers aligned right and
 * anything else left, if they are short and even enough; false if they
 * stay one to a line. `numbers`: every element is a number or a bigint. The
 * "... more items" entry (`has_more`) is not measured and stays alone. */
static bool group_entries(const entry_list *entries, bool numbers, bool has_more, size_t indentation,
                          entry_list *rows)
{
    size_t count = entries->count, data_count = has_more ? count - 1 : count;
    size_t *widths = malloc(data_count * sizeof *widths);
    if (!widths) {
        rows->text.failed = true;
        return true;
    }
    size_t total = 0, max = 0; /* each entry is measured with its ", " */
    for (size_t i = 0; i < data_count; i++) {
        widths[i] = text_width(entry_text(entries, i));
        total += widths[i] + 2;
        if (widths[i] > max) max = widths[i];
    }
    size_t actual_max = max + 2, columns = 0;
    /* At least three must fit side by side, and none may be much longer
     * than the rest. The number of columns makes the block about square,
     * a character being 2.5 times as high as it is wide. */
    if (actual_max * 3 + indentation < INSPECT_BREAK && ((double)total / (double)actual_max > 5 || max <= 6)) {
        double average_bias = sqrt((double)actual_max - (double)total / (double)count);
        double biased_max = fmax((double)actual_max - 3 - average_bias, 1);
        double square = round(sqrt(2.5 * biased_max * (double)data_count) / biased_max);
        columns = (INSPECT_BREAK - indentation) / actual_max;
        if (INSPECT_COMPACT * 4 < columns) columns = INSPECT_COMPACT * 4;
        if (15 < columns) columns = 15;
        if (square < (double)columns) columns = (size_t)square;
    }
    if (columns <= 1) {
        free(widths);
        return false;
    }
    size_t column_width[15] = {0};
    for (size_t i = 0; i < data_count; i++)
        if (widths[i] > column_width[i % columns]) column_width[i % columns] = widths[i];
    for (size_t row = 0; row < data_count; row += columns) {
        size_t end = row + columns < data_count ? row + columns : data_count;
        for (size_t i = row; i < end; i++) {
            it_string text = entry_text(entries, i);
            size_t padding = column_width[i - row] - widths[i];
            if (numbers) text_spaces(&rows->text, padding);
            text_append(&rows->text, text.data, text.size);
            if (i + 1 == end) break;
            text_puts(&rows->text, ", ");
            if (!numbers) text_spaces(&rows->text, padding);
        }
        entry_end(rows);
    }
    if (has_more) {
        it_string text = entry_text(entries, count - 1);
        text_append(&rows->text, text.data, text.size);
        entry_end(rows);
    }
    free(widths);
    return true;
}

/* isBelowBreakLength as reduceToSingleString asks it: whether the entries
 * fit on one line after `open` at column `indentation` (with some room to
 * spare), none of them spanning several. */
static bool fits_on_one_line(const entry_list *entries, size_t open_length, size_t indentation)
{
    size_t count = entries->count;
    size_t total = count + (count + indentation + open_length + 10);
    if (total + count > INSPECT_BREAK) return false;
    for (size_t i = 0; i < count; i++) {
        it_string text = entry_text(entries, i);
        total += utf16_length(text);
        if (total > INSPECT_BREAK || memchr(text.data, '\n', text.size)) return false;
    }
    return true;
}

/* The entries, `separator` and `spaces` spaces between each two. */
static void append_entries(text_buffer *out, const entry_list *entries, const char *separator, size_t spaces)
{
    for (size_t i = 0; i < entries->count; i++) {
        it_string text = entry_text(entries, i);
        if (i) {
            text_puts(out, separator);
            text_spaces(out, spaces);
        }
        text_append(out, text.data, text.size);
    }
    if (entries->text.failed) out->failed = true;
}

/* reduceToSingleString with compact 3: `open` entries `close` on one line
 * if they fit, else one entry (or one row of a group, for an array) a line,
 * indented two past the container's `indentation`. */
static void lay_out(const inspect_options *options, const entry_list *entries, const char *open, const char *close,
                    bool array, bool numbers, bool has_more, size_t indentation, text_buffer *out)
{
    if (entries->text.failed) {
        out->failed = true;
        return;
    }
    entry_list rows = {0};
    bool grouped = !options->one_line && array && entries->count > 6 &&
                   group_entries(entries, numbers, has_more, indentation, &rows);
    if (options->one_line || (!grouped && fits_on_one_line(entries, strlen(open), indentation))) {
        text_puts(out, open);
        text_puts(out, " ");
        append_entries(out, entries, ", ", 0);
        text_puts(out, " ");
        text_puts(out, close);
        return;
    }
    text_puts(out, open);
    text_puts(out, "\n");
    text_spaces(out, indentation + 2);
    append_entries(out, grouped ? &rows : entries, ",\n", indentation + 2);
    text_puts(out, "\n");
    text_spaces(out, indentation);
    text_puts(out, close);
    entry_list_free(&rows);
}

/* ------------------------------------------------------------ values */

/* The typed array a list of this element type is in JS (it_loader.js's
 * TYPED_ARRAYS), or NULL for an Array. */
static const char *typed_array_name(const it_typedesc *element)
{
    switch (element->kind) {
    case IT_S8: return "Int8Array";
    case IT_U8: return "Uint8Array";
    case IT_S16: return "Int16Array";
    case IT_U16: return "Uint16Array";
    case IT_S32: case IT_I32: return "Int32Array";
    case IT_U32: return "Uint32Array";
    case IT_S64: case IT_I64: return "BigInt64Array";
    case IT_U64: return "BigUint64Array";
    case IT_F32: return "Float32Array";
    case IT_F64: return "Float64Array";
    default: return NULL;
    }
}

/* Whether a kind is a number (what parse_number reads, and what JS holds as
 * a number or a BigInt). */
static bool value_number_kind(it_type kind)
{
    switch (kind) {
    case IT_S8: case IT_U8: case IT_S16: case IT_U16: case IT_S32: case IT_U32: case IT_S64: case IT_U64:
    case IT_I32: case IT_I64: case IT_F32: case IT_F64:
        return true;
    default:
        return false;
    }
}

/* Element i of a list or tuple (it_value_element), in *scratch. */
static const it_value *element_at(const it_typedesc *member, const it_value *value, size_t i, it_value *scratch)
{
    *scratch = it_value_element(value, member->kind, i);
    return scratch;
}

/* Whether the JS value is a string (a string, char or enum, or an option's
 * value that is one), and its text (a char's in `bytes`). `tagged`: the
 * value is the inner option of option<option<T>>, a { tag, val } object. */
static bool string_of(const it_typedesc *type, const it_value *value, bool tagged, char bytes[4], it_string *text)
{
    switch (type->kind) {
    case IT_STRING:
        *text = value->of.string;
        return true;
    case IT_CHAR:
        text->data = bytes;
        text->size = utf8_encode(value->of.code_point, bytes);
        return true;
    case IT_ENUM:
        text->data = type->members[value->of.case_index].label;
        text->size = strlen(text->data);
        return true;
    case IT_OPTION: {
        const it_typedesc *inner = type->members[0].type;
        return !tagged && value->of.variant.payload &&
               string_of(inner, value->of.variant.payload, inner->kind == IT_OPTION, bytes, text);
    }
    default:
        return false;
    }
}

/* Whether the JS value of an element is a number or a BigInt. */
static bool is_js_number(const it_typedesc *type, const it_value *value)
{
    if (type->kind == IT_OPTION) return value->of.variant.payload && value_number_kind(type->members[0].type->kind);
    return value_number_kind(type->kind);
}

static void format_value(const inspect_options *options, const it_typedesc *type, const it_value *value,
                         bool tagged, int depth, size_t indentation, text_buffer *out);

/* A record, a flags value, or the { tag, val } object of a variant, a
 * result or a tagged option, `depth` objects and arrays around it. */
static void format_object(const inspect_options *options, const it_typedesc *type, const it_value *value, int depth,
                          size_t indentation, text_buffer *out)
{
    bool tag_object = type->kind != IT_RECORD && type->kind != IT_FLAGS;
    if (!tag_object && type->member_count == 0) {
        text_puts(out, "{}");
        return;
    }
    if (depth > INSPECT_DEPTH) {
        text_puts(out, "[Object]");
        return;
    }
    entry_list entries = {0};
    text_buffer *text = &entries.text;
    if (tag_object) {
        uint32_t index = value->of.variant.index;
        const char *tag = type->kind == IT_RESULT   ? (index ? "err" : "ok")
                          : type->kind == IT_OPTION ? (index ? "some" : "none")
                                                    : type->members[index].label;
        const it_typedesc *payload = type->kind != IT_OPTION ? type->members[index].type
                                     : index                 ? type->members[0].type
                                                             : NULL;
        it_string tag_text = {tag, strlen(tag)};
        format_key("tag", text);
        format_string(options, tag_text, indentation + 2, text);
        entry_end(&entries);
        if (payload) {
            format_key("val", text);
            if (value->of.variant.payload)
                format_value(options, payload, value->of.variant.payload,
                             type->kind == IT_OPTION && payload->kind == IT_OPTION, depth + 1, indentation + 2, text);
            else
                text_puts(text, "undefined");
            entry_end(&entries);
        }
    } else {
        for (size_t i = 0; i < type->member_count; i++) {
            format_key(type->members[i].label, text);
            if (type->kind == IT_FLAGS)
                text_puts(text, value->of.flags >> i & 1 ? "true" : "false");
            else
                format_value(options, type->members[i].type, &value->of.list.items[i], false, depth + 1,
                             indentation + 2, text);
            entry_end(&entries);
        }
    }
    lay_out(options, &entries, "{", "}", false, false, false, indentation, out);
    entry_list_free(&entries);
}

/* A tuple or a list: an Array, or a typed array for a list of numbers;
 * past maxArrayLength elements, "... N more items". */
static void format_array(const inspect_options *options, const it_typedesc *type, const it_value *value, int depth,
                         size_t indentation, text_buffer *out)
{
    size_t count = value->of.list.count;
    const char *typed = type->kind == IT_LIST ? typed_array_name(type->members[0].type) : NULL;
    char open[64] = "[";
    if (typed) snprintf(open, sizeof open, "%s(%zu) [", typed, count);
    if (count == 0) {
        text_puts(out, open);
        text_puts(out, "]");
        return;
    }
    if (depth > INSPECT_DEPTH) {
        snprintf(open, sizeof open, "[%s]", typed ? typed : "Array");
        text_puts(out, open);
        return;
    }
    size_t shown = count > INSPECT_ITEMS ? INSPECT_ITEMS : count;
    /* Whether all are numbers (or BigInts) decides how a group aligns
     * them; inspect looks at the first element left out too. */
    size_t looked_at = count > shown ? shown + 1 : shown;
    bool numbers = true;
    entry_list entries = {0};
    for (size_t i = 0; i < looked_at; i++) {
        const it_typedesc *member = type->kind == IT_LIST ? type->members[0].type : type->members[i].type;
        it_value scratch;
        const it_value *element = element_at(member, value, i, &scratch);
        numbers = numbers && is_js_number(member, element);
        if (i == shown) break;
        format_value(options, member, element, false, depth + 1, indentation + 2, &entries.text);
        entry_end(&entries);
    }
    if (count > shown) {
        char more[64];
        snprintf(more, sizeof more, "... %zu more item%s", count - shown, count - shown > 1 ? "s" : "");
        text_puts(&entries.text, more);
        entry_end(&entries);
    }
    lay_out(options, &entries, open, "]", true, numbers, count > shown, indentation, out);
    entry_list_free(&entries);
}

/* Appends what util.inspect writes for the JS value of `value`, which has
 * `depth` objects and arrays around it and starts a line indented by
 * `indentation` (inspect's recurseTimes and indentationLvl). */
static void format_value(const inspect_options *options, const it_typedesc *type, const it_value *value,
                         bool tagged, int depth, size_t indentation, text_buffer *out)
{
    char bytes[4], text[64] = "";
    it_string string;
    if (string_of(type, value, tagged, bytes, &string)) {
        format_string(options, string, indentation, out);
        return;
    }
    switch (type->kind) {
    case IT_U1: snprintf(text, sizeof text, "%s", value->of.u1 ? "true" : "false"); break;
    case IT_S8: snprintf(text, sizeof text, "%d", value->of.s8); break;
    case IT_U8: snprintf(text, sizeof text, "%u", value->of.u8); break;
    case IT_S16: snprintf(text, sizeof text, "%d", value->of.s16); break;
    case IT_U16: snprintf(text, sizeof text, "%u", value->of.u16); break;
    case IT_S32: snprintf(text, sizeof text, "%" PRId32, value->of.s32); break;
    case IT_U32: snprintf(text, sizeof text, "%" PRIu32, value->of.u32); break;
    case IT_I32: snprintf(text, sizeof text, "%" PRId32, value->of.i32); break;
    case IT_S64: snprintf(text, sizeof text, "%" PRId64 "n", value->of.s64); break;
    case IT_U64: snprintf(text, sizeof text, "%" PRIu64 "n", value->of.u64); break;
    case IT_I64: snprintf(text, sizeof text, "%" PRId64 "n", value->of.i64); break;
    case IT_F32: format_number(value->of.f32, text, sizeof text); break;
    case IT_F64: format_number(value->of.f64, text, sizeof text); break;
    case IT_OPTION:
        /* An option is its value, or undefined; the inner option of
         * option<option<T>> is a { tag, val } object (it_loader.js). */
        if (tagged) {
            format_object(options, type, value, depth, indentation, out);
        } else if (value->of.variant.payload) {
            const it_typedesc *inner = type->members[0].type;
            format_value(options, inner, value->of.variant.payload, inner->kind == IT_OPTION, depth, indentation, out);
        } else {
            snprintf(text, sizeof text, "undefined");
        }
        break;
    case IT_RECORD: case IT_FLAGS: case IT_VARIANT: case IT_RESULT:
        format_object(options, type, value, depth, indentation, out);
        break;
    case IT_TUPLE: case IT_LIST: format_array(options, type, value, depth, indentation, out); break;
    default: break;
    }
    text_puts(out, text);
}

bool value_print(const it_typedesc *type, const it_value *value, value_layout layout, FILE *out)
{
    char bytes[4];
    it_string string;
    if (layout == VALUE_CONSOLE && string_of(type, value, false, bytes, &string)) {
        if (string.size) fwrite(string.data, 1, string.size, out);
        return true;
    }
    inspect_options options = {layout == VALUE_ONE_LINE};
    text_buffer text = {0};
    format_value(&options, type, value, false, 0, 0, &text);
    bool printed = !text.failed;
    if (printed) fwrite(text.data, 1, text.size, out);
    free(text.data);
    return printed;
}

/* ------------------------------------------------------------ parsing */

typedef struct text_block {
    struct text_block *next;
    max_align_t data[];
} text_block;

static void *arena_new(text_arena *arena, size_t size)
{
    text_block *block = malloc(sizeof *block + (size ? size : 1));
    if (!block) return NULL;
    block->next = arena->blocks;
    arena->blocks = block;
    return block->data;
}

void text_arena_free(text_arena *arena)
{
    while (arena->blocks) {
        text_block *next = arena->blocks->next;
        free(arena->blocks);
        arena->blocks = next;
    }
}

typedef struct parser {
    const char *start, *p;
    text_arena *arena;
    char *error;
    size_t error_size;
    bool whole; /* the text is one top-level number: messages without a position */
} parser;

static bool parse_fail(parser *ps, const char *format, ...) __attribute__((format(printf, 2, 3)));

static bool parse_fail(parser *ps, const char *format, ...)
{
    char what[200];
    va_list args;
    va_start(args, format);
    vsnprintf(what, sizeof what, format, args);
    va_end(args);
    if (ps->whole)
        snprintf(ps->error, ps->error_size, "%s", what);
    else
        snprintf(ps->error, ps->error_size, "at character %zu: %s", (size_t)(ps->p - ps->start) + 1, what);
    return false;
}

static void skip_space(parser *ps)
{
    while (isspace((unsigned char)*ps->p)) ps->p++;
}

static bool eat(parser *ps, char c)
{
    skip_space(ps);
    if (*ps->p != c) return false;
    ps->p++;
    return true;
}

/* A word: [A-Za-z0-9_$.+-]+ (numbers, true, undefined, identifiers). */
static size_t word_length(const char *p)
{
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '$' || p[n] == '.' || p[n] == '+' ||
           p[n] == '-')
        n++;
    return n;
}

static bool word_is(parser *ps, const char *word)
{
    skip_space(ps);
    size_t n = word_length(ps->p);
    if (n != strlen(word) || strncmp(ps->p, word, n) != 0) return false;
    ps->p += n;
    return true;
}

/* A quoted string ('...' or "...", with JS escapes) into the arena. */
static bool parse_quoted(parser *ps, it_string *out)
{
    skip_space(ps);
    char quote = *ps->p;
    if (quote != '\'' && quote != '"') return parse_fail(ps, "expected a quoted string");
    const char *p = ps->p + 1;
    size_t capacity = strlen(p) * 4 + 1;
    char *text = arena_new(ps->arena, capacity), *q = text;
    if (!text) return parse_fail(ps, "out of memory");
    for (;; p++) {
        if (!*p) return parse_fail(ps, "unterminated string");
        if (*p == quote) break;
        if (*p != '\\') {
            *q++ = *p;
            continue;
        }
        p++;
        switch (*p) {
        case 'n': *q++ = '\n'; break;
        case 't': *q++ = '\t'; break;
        case 'r': *q++ = '\r'; break;
        case 'b': *q++ = '\b'; break;
        case 'f': *q++ = '\f'; break;
        case 'v': *q++ = '\v'; break;
        case '0': *q++ = '\0'; break;
        case 'u': {
            char hex[5] = {0};
            for (int i = 0; i < 4; i++) {
                if (!isxdigit((unsigned char)p[1 + i])) return parse_fail(ps, "bad \\u escape");
                hex[i] = p[1 + i];
            }
            p += 4;
            uint32_t code = (uint32_t)strtoul(hex, NULL, 16);
            if (code >= 0xd800 && code <= 0xdfff) return parse_fail(ps, "a \\u escape of a surrogate");
            char bytes[4];
            size_t size = utf8_encode(code, bytes);
            memcpy(q, bytes, size);
            q += size;
            break;
        }
        case '\0': return parse_fail(ps, "unterminated string");
        default: *q++ = *p; break; /* \\ \' \" and the rest stand for themselves */
        }
    }
    ps->p = p + 1;
    *q = '\0';
    out->data = text;
    out->size = (size_t)(q - text);
    return true;
}

/* The first code point of a UTF-8 string that holds exactly one. */
static bool one_code_point(it_string text, uint32_t *out)
{
    const unsigned char *s = (const unsigned char *)text.data;
    size_t need = !text.size ? 0 : s[0] < 0x80 ? 1 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
    if (!need || text.size != need) return false;
    uint32_t code = need == 1 ? s[0] : need == 2 ? s[0] & 0x1fu : need == 3 ? s[0] & 0x0fu : s[0] & 0x07u;
    for (size_t i = 1; i < need; i++) code = code << 6 | (s[i] & 0x3fu);
    *out = code;
    return true;
}

static bool parse_number(parser *ps, const it_typedesc *type, it_value *out)
{
    skip_space(ps);
    size_t n = word_length(ps->p);
    char buffer[80], *word = n < sizeof buffer ? buffer : arena_new(ps->arena, n + 1);
    if (n == 0) return parse_fail(ps, "expected a number");
    if (!word) return parse_fail(ps, "out of memory");
    memcpy(word, ps->p, n);
    word[n] = '\0';
    bool wide = type->kind == IT_S64 || type->kind == IT_U64 || type->kind == IT_I64;
    if (type->kind == IT_F32 || type->kind == IT_F64) {
        const char *digits = word[0] == '-' || word[0] == '+' ? word + 1 : word;
        double value;
        if (strcmp(digits, "Infinity") == 0) value = word[0] == '-' ? -INFINITY : INFINITY;
        else if (strcmp(digits, "NaN") == 0) value = NAN;
        else {
            char *end;
            bool starts = isdigit((unsigned char)*digits) || (*digits == '.' && isdigit((unsigned char)digits[1]));
            value = starts ? strtod(word, &end) : 0;
            if (!starts || *end) return parse_fail(ps, "'%s' is not a number", word);
        }
        if (type->kind == IT_F32) out->of.f32 = (float)value;
        else out->of.f64 = value;
        ps->p += n;
        return true;
    }
    const char *p = word;
    bool negative = false;
    if (*p == '-' || *p == '+') negative = *p++ == '-';
    int base = p[0] == '0' && (p[1] == 'x' || p[1] == 'X') ? 16 : 10;
    if (base == 16) p += 2;
    size_t count = strspn(p, base == 16 ? "0123456789abcdefABCDEF" : "0123456789");
    const char *rest = p + count;
    if (wide && *rest == 'n') rest++;
    if (!count || *rest) return parse_fail(ps, "'%s' is not an integer", word);
    errno = 0;
    uint64_t magnitude = strtoull(p, NULL, base);
    bool overflow = errno == ERANGE;
    int64_t min;
    uint64_t max;
    switch (type->kind) {
    case IT_S8: min = INT8_MIN, max = INT8_MAX; break;
    case IT_U8: min = 0, max = UINT8_MAX; break;
    case IT_S16: min = INT16_MIN, max = INT16_MAX; break;
    case IT_U16: min = 0, max = UINT16_MAX; break;
    case IT_S32: case IT_I32: min = INT32_MIN, max = INT32_MAX; break;
    case IT_U32: min = 0, max = UINT32_MAX; break;
    case IT_S64: case IT_I64: min = INT64_MIN, max = INT64_MAX; break;
    default: min = 0, max = UINT64_MAX; break;
    }
    if (overflow || (negative ? magnitude > (uint64_t)0 - (uint64_t)min : magnitude > max)) {
        if (min < 0)
            return parse_fail(ps, "%s is out of range (%" PRId64 "..%" PRIu64 ")", word, min, max);
        return parse_fail(ps, "%s is out of range (0..%" PRIu64 ")", word, max);
    }
    uint64_t bits = negative ? (uint64_t)0 - magnitude : magnitude;
    switch (type->kind) {
    case IT_S8: out->of.s8 = (int8_t)bits; break;
    case IT_U8: out->of.u8 = (uint8_t)bits; break;
    case IT_S16: out->of.s16 = (int16_t)bits; break;
    case IT_U16: out->of.u16 = (uint16_t)bits; break;
    case IT_S32: out->of.s32 = (int32_t)bits; break;
    case IT_I32: out->of.i32 = (int32_t)bits; break;
    case IT_U32: out->of.u32 = (uint32_t)bits; break;
    case IT_S64: out->of.s64 = (int64_t)bits; break;
    case IT_I64: out->of.i64 = (int64_t)bits; break;
    default: out->of.u64 = bits; break;
    }
    ps->p += n;
    return true;
}

/* An object key: an identifier, a quoted string, or a computed quoted
 * string (['__proto__'], as JS writes an own __proto__ and itrun prints
 * it), then ':'. */
static bool parse_key(parser *ps, it_string *key)
{
    skip_space(ps);
    if (*ps->p == '[') {
        ps->p++;
        skip_space(ps);
        if ((*ps->p != '\'' && *ps->p != '"') || !parse_quoted(ps, key)) return parse_fail(ps, "expected a quoted key in [...]");
        if (!eat(ps, ']')) return parse_fail(ps, "expected ']' after a computed key");
    } else if (*ps->p == '\'' || *ps->p == '"') {
        if (!parse_quoted(ps, key)) return false;
    } else {
        size_t n = 0;
        while (isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_' || ps->p[n] == '$' || ps->p[n] == '-') n++;
        if (!n) return parse_fail(ps, "expected a key");
        key->data = ps->p;
        key->size = n;
        ps->p += n;
    }
    if (!eat(ps, ':')) return parse_fail(ps, "expected ':' after a key");
    return true;
}

static bool key_is(it_string key, const char *label)
{
    return key.size == strlen(label) && memcmp(key.data, label, key.size) == 0;
}

static bool parse_typed(parser *ps, const it_typedesc *type, bool tagged, it_value *out);

/* "red, green, blue": the cases of an enum, variant, option or result. */
static void case_list(const it_typedesc *type, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    size_t count = type->kind == IT_OPTION ? 2 : type->member_count;
    for (size_t i = 0; i < count && used + 1 < size; i++) {
        const char *label = type->kind == IT_OPTION ? (i ? "some" : "none") : type->members[i].label;
        int n = snprintf(out + used, size - used, "%s%s", i ? ", " : "", label);
        if (n < 0) break;
        used += (size_t)n;
    }
}

/* { tag: 'NAME', val: V }: tag first, so that val's type is known. */
static bool parse_tagged(parser *ps, const it_typedesc *type, it_value *out)
{
    if (!eat(ps, '{')) return parse_fail(ps, "expected { tag: ..., val: ... }");
    it_string key, tag;
    if (!parse_key(ps, &key)) return false;
    if (!key_is(key, "tag")) return parse_fail(ps, "expected 'tag' first in { tag: ..., val: ... }");
    if (!parse_quoted(ps, &tag)) return false;
    size_t count = type->kind == IT_VARIANT ? type->member_count : 2;
    uint32_t index = UINT32_MAX;
    for (uint32_t i = 0; i < count; i++) {
        const char *label = type->kind == IT_OPTION ? (i ? "some" : "none")
                            : type->kind == IT_RESULT ? (i ? "err" : "ok")
                                                      : type->members[i].label;
        if (key_is(tag, label)) index = i;
    }
    if (index == UINT32_MAX) {
        char cases[200];
        case_list(type, cases, sizeof cases);
        return parse_fail(ps, "'%.*s' is not a case (%s)", (int)tag.size, tag.data, cases);
    }
    const it_typedesc *payload = type->kind == IT_OPTION ? (index ? type->members[0].type : NULL)
                                                         : type->members[index].type;
    out->type = type->kind;
    out->of.variant.index = index;
    out->of.variant.payload = NULL;
    if (payload) {
        if (!eat(ps, ',')) return parse_fail(ps, "expected ', val: ...': this case has a payload");
        if (!parse_key(ps, &key)) return false;
        if (!key_is(key, "val")) return parse_fail(ps, "expected 'val'");
        it_value *slot = arena_new(ps->arena, sizeof *slot);
        if (!slot) return parse_fail(ps, "out of memory");
        if (!parse_typed(ps, payload, type->kind == IT_OPTION && payload->kind == IT_OPTION, slot)) return false;
        out->of.variant.payload = slot;
    }
    eat(ps, ',');
    if (!eat(ps, '}')) return parse_fail(ps, "expected '}'");
    return true;
}

static bool parse_typed(parser *ps, const it_typedesc *type, bool tagged, it_value *out)
{
    memset(out, 0, sizeof *out);
    out->type = type->kind;
    skip_space(ps);
    switch (type->kind) {
    case IT_U1:
        if (word_is(ps, "true")) out->of.u1 = true;
        else if (word_is(ps, "false")) out->of.u1 = false;
        else return parse_fail(ps, "expected true or false");
        return true;
    case IT_STRING: return parse_quoted(ps, &out->of.string);
    case IT_CHAR: {
        it_string text;
        if (!parse_quoted(ps, &text)) return false;
        if (!one_code_point(text, &out->of.code_point)) return parse_fail(ps, "a char is one code point");
        return true;
    }
    case IT_ENUM: {
        it_string text;
        if (!parse_quoted(ps, &text)) return false;
        for (uint32_t i = 0; i < type->member_count; i++)
            if (key_is(text, type->members[i].label)) {
                out->of.case_index = i;
                return true;
            }
        char cases[200];
        case_list(type, cases, sizeof cases);
        return parse_fail(ps, "'%.*s' is not a case (%s)", (int)text.size, text.data, cases);
    }
    case IT_FLAGS:
        if (!eat(ps, '{')) return parse_fail(ps, "expected { flag: true, ... }");
        while (!eat(ps, '}')) {
            it_string key;
            if (!parse_key(ps, &key)) return false;
            uint32_t i = 0;
            while (i < type->member_count && !key_is(key, type->members[i].label)) i++;
            if (i == type->member_count) return parse_fail(ps, "'%.*s' is not a flag", (int)key.size, key.data);
            if (word_is(ps, "true")) out->of.flags |= UINT32_C(1) << i;
            else if (!word_is(ps, "false")) return parse_fail(ps, "expected true or false");
            if (!eat(ps, ',') && (skip_space(ps), *ps->p != '}')) return parse_fail(ps, "expected ',' or '}'");
        }
        return true;
    case IT_RECORD: {
        it_value *items = arena_new(ps->arena, type->member_count * sizeof *items);
        bool *seen = arena_new(ps->arena, type->member_count);
        if (!items || !seen) return parse_fail(ps, "out of memory");
        memset(seen, 0, type->member_count);
        if (!eat(ps, '{')) return parse_fail(ps, "expected { field: value, ... }");
        while (!eat(ps, '}')) {
            it_string key;
            if (!parse_key(ps, &key)) return false;
            size_t i = 0;
            while (i < type->member_count && !key_is(key, type->members[i].label)) i++;
            if (i == type->member_count) return parse_fail(ps, "'%.*s' is not a field", (int)key.size, key.data);
            if (seen[i]) return parse_fail(ps, "field '%s' given twice", type->members[i].label);
            seen[i] = true;
            if (!parse_typed(ps, type->members[i].type, false, &items[i])) return false;
            if (!eat(ps, ',') && (skip_space(ps), *ps->p != '}')) return parse_fail(ps, "expected ',' or '}'");
        }
        for (size_t i = 0; i < type->member_count; i++)
            if (!seen[i]) return parse_fail(ps, "field '%s' is missing", type->members[i].label);
        out->of.list.items = items;
        out->of.list.count = type->member_count;
        return true;
    }
    case IT_TUPLE: case IT_LIST: {
        if (!eat(ps, '[')) return parse_fail(ps, "expected [ ... ]");
        size_t count = 0, capacity = 0;
        it_value *items = NULL;
        while (!eat(ps, ']')) {
            if (count == capacity) {
                size_t next = capacity ? capacity * 2 : 8;
                it_value *bigger = arena_new(ps->arena, next * sizeof *bigger);
                if (!bigger) return parse_fail(ps, "out of memory");
                if (count) memcpy(bigger, items, count * sizeof *items);
                items = bigger, capacity = next;
            }
            if (type->kind == IT_TUPLE && count == type->member_count)
                return parse_fail(ps, "the tuple has %zu elements", type->member_count);
            const it_typedesc *member = type->kind == IT_LIST ? type->members[0].type : type->members[count].type;
            if (!parse_typed(ps, member, false, &items[count])) return false;
            count++;
            if (!eat(ps, ',') && (skip_space(ps), *ps->p != ']')) return parse_fail(ps, "expected ',' or ']'");
        }
        if (type->kind == IT_TUPLE && count != type->member_count)
            return parse_fail(ps, "the tuple has %zu elements, found %zu", type->member_count, count);
        out->of.list.items = items;
        out->of.list.count = count;
        return true;
    }
    case IT_OPTION: {
        if (tagged) return parse_tagged(ps, type, out);
        if (word_is(ps, "undefined") || word_is(ps, "null")) return true; /* none */
        it_value *slot = arena_new(ps->arena, sizeof *slot);
        if (!slot) return parse_fail(ps, "out of memory");
        const it_typedesc *inner = type->members[0].type;
        if (!parse_typed(ps, inner, inner->kind == IT_OPTION, slot)) return false;
        out->of.variant.index = 1;
        out->of.variant.payload = slot;
        return true;
    }
    case IT_VARIANT: case IT_RESULT: return parse_tagged(ps, type, out);
    case IT_TYPE_NONE: return parse_fail(ps, "no type");
    default: return parse_number(ps, type, out);
    }
}

bool value_parse(const it_typedesc *type, const char *text, it_value *out, text_arena *arena, char *error,
                 size_t error_size)
{
    parser ps = {text, text, arena, error, error_size, false};
    memset(out, 0, sizeof *out);
    out->type = type->kind;
    /* The top-level text forms: the string itself. */
    switch (type->kind) {
    case IT_STRING:
        *out = it_value_cstring(text);
        return true;
    case IT_CHAR: {
        it_string string = {text, strlen(text)};
        if (!one_code_point(string, &out->of.code_point))
            return snprintf(error, error_size, "'%s' is not one character (one code point)", text), false;
        return true;
    }
    case IT_ENUM:
        for (uint32_t i = 0; i < type->member_count; i++)
            if (strcmp(text, type->members[i].label) == 0) {
                out->of.case_index = i;
                return true;
            }
        if (text[0] != '\'' && text[0] != '"') {
            char cases[200];
            case_list(type, cases, sizeof cases);
            snprintf(error, error_size, "'%s' is not a case (%s)", text, cases);
            return false;
        }
        break;
    case IT_U1:
        if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0 || strcmp(text, "false") == 0 ||
            strcmp(text, "0") == 0) {
            out->of.u1 = text[0] == 't' || text[0] == '1';
            return true;
        }
        return snprintf(error, error_size, "'%s' is not true, false, 1 or 0", text), false;
    default:
        if (value_number_kind(type->kind)) {
            /* a number: the whole text, strictly (no spaces, one sign, one 0x) */
            ps.whole = true;
            if (!*text || word_length(text) != strlen(text))
                return parse_fail(&ps, type->kind == IT_F32 || type->kind == IT_F64 ? "'%s' is not a number"
                                                                                    : "'%s' is not an integer",
                                  text);
            return parse_number(&ps, type, out);
        }
        break;
    }
    if (!parse_typed(&ps, type, false, out)) return false;
    skip_space(&ps);
    if (*ps.p) return parse_fail(&ps, "unexpected text after the value");
    return true;
}
