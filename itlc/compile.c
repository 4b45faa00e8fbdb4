/* compile.c: the whole pipeline on a buffer (lex, parse, check, core checks,
 * emit, binary or text; or bindings after the checks), shared by the driver (main.c) and the fuzzer
 * (itlc/fuzz/itl_fuzz.c); no file is read or written here. */
#include "itlc.h"

itlc_error itlc_compile(const char *source, size_t size, itlc_str component, const core_search *search,
                        itlc_output output, itlc_diag *diag, arena *a, bytes *out)
{
    int errors_before = diag->error_count;
    diag->source = source;
    diag->source_size = size;
    if (!lex_valid_utf8((const uint8_t *)component.bytes, component.length))
        return diag_error(diag, (itlc_loc){ 0, 0, 0 }, ITLC_ERR_BAD_UTF8, "the component name (the file's name)");
    types_reset(a);
    itlc_program program = { .component = component };
    lexer lx;
    lex_init(&lx, source, size, diag, a);
    itlc_error status = parse_program(&lx, &program);
    if (status)
        return status; /* fatal: nothing more to learn from the declarations */
    itlc_error checked = check_program(&program, diag, a);
    itlc_error cores_checked = search ? core_check_program(&program, search, diag, a) : ITLC_OK;
    if (checked)
        return checked;
    if (cores_checked)
        return cores_checked;
    if (diag->error_count > errors_before)
        return ITLC_ERR_EXPECTED; /* recoverable parse errors: parse_program counted them */
    if (output == ITLC_OUTPUT_DTS || output == ITLC_OUTPUT_HEADER) {
        bindings_write(&program, output, diag->file, a, out);
        return ITLC_OK;
    }
    wasm_module module;
    status = emit_program(&program, a, &module);
    if (status)
        return status;
    if (output == ITLC_OUTPUT_WAT)
        wat_write(&module, a, out);
    else
        wasm_write_binary(&module, a, out);
    return ITLC_OK;
}
