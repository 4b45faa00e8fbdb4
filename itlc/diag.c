/* diag.c: C-compiler-style diagnostics (file:line:col: error: ..., the line, a caret). */
#include <string.h>

#include "itlc.h"

static const char *const diag_formats[] = {
    "no error",
#define X(id, format) format,
    ITLC_ERRORS(X)
#undef X
};

const char *diag_format(itlc_error code)
{
    return diag_formats[code];
}

/* At most this many bytes of a line are shown on each side of the caret. */
#define DIAG_CONTEXT 60

/* Prints the source line holding loc and a caret under its column; tabs are
 * kept so the caret lines up, other characters become one space each. A
 * long line (minified, generated) is cut to DIAG_CONTEXT bytes either side
 * of the caret, at character boundaries, marked "..."; control characters
 * show as '?', so a line cannot forge terminal output. */
static void diag_print_line(itlc_diag *d, itlc_loc loc)
{
    if (!d->source || loc.offset > d->source_size)
        return;
    size_t start = loc.offset, end = loc.offset;
    while (start > 0 && d->source[start - 1] != '\n' && loc.offset - start < DIAG_CONTEXT)
        start--;
    while (start < loc.offset && ((unsigned char)d->source[start] & 0xc0) == 0x80)
        start++;
    bool cut_start = start > 0 && d->source[start - 1] != '\n';
    while (end < d->source_size && d->source[end] != '\n' && d->source[end] != '\r' && end - loc.offset < DIAG_CONTEXT)
        end++;
    while (end > loc.offset && end < d->source_size && ((unsigned char)d->source[end] & 0xc0) == 0x80)
        end--;
    bool cut_end = end < d->source_size && d->source[end] != '\n' && d->source[end] != '\r';
    fprintf(d->out, "%5u | %s", loc.line, cut_start ? "..." : "");
    for (size_t i = start; i < end; i++) {
        unsigned char c = (unsigned char)d->source[i];
        fputc(c == '\t' || (c >= 0x20 && c != 0x7f) ? c : '?', d->out);
    }
    fprintf(d->out, "%s\n      | %s", cut_end ? "..." : "", cut_start ? "   " : "");
    for (size_t i = start; i < loc.offset; i++) {
        unsigned char c = (unsigned char)d->source[i];
        if (c == '\t')
            fputc('\t', d->out);
        else if ((c & 0xc0) != 0x80)
            fputc(' ', d->out);
    }
    fputs("^\n", d->out);
}

static void diag_vreport(itlc_diag *d, itlc_loc loc, const char *severity, itlc_error code,
                         va_list args)
{
    if (loc.line)
        fprintf(d->out, "%s:%u:%u: %s: ", d->file, loc.line, loc.column, severity);
    else
        fprintf(d->out, "%s: %s: ", d->file ? d->file : "itlc", severity);
    vfprintf(d->out, diag_formats[code], args);
    fputc('\n', d->out);
    if (loc.line)
        diag_print_line(d, loc);
}

itlc_error diag_error(itlc_diag *d, itlc_loc loc, itlc_error code, ...)
{
    d->error_count++;
    if (d->error_count <= d->max_errors) {
        va_list args;
        va_start(args, code);
        diag_vreport(d, loc, "error", code, args);
        va_end(args);
    } else if (d->error_count == d->max_errors + 1) {
        fprintf(d->out, "%s: error: ", d->file ? d->file : "itlc");
        fprintf(d->out, diag_formats[ITLC_ERR_TOO_MANY_ERRORS], d->max_errors);
        fputc('\n', d->out);
    }
    return code;
}

void diag_note(itlc_diag *d, itlc_loc loc, itlc_error code, ...)
{
    if (d->error_count > d->max_errors)
        return;
    va_list args;
    va_start(args, code);
    diag_vreport(d, loc, "note", code, args);
    va_end(args);
}
