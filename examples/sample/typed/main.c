/* main.c: examples/sample/main.c on the typed header `itlc --emit-header sample.itl` writes
 * (it_sample.h; docs/loader.md, "Typed C bindings"): the exports looked up once by
 * sample_bind, then called with C values (it_string, bool, double, the enum sample_e_t, the
 * flags sample_perms_t), it_value for the constructed types. It prints
 * examples/sample/expected.txt, as main.c and main.js do (suite `bindings` checks it).
 *
 *   build/bin/sample_typed [ADAPTER_DIR]   (default: build/examples/sample)
 */
#include "it_sample.h"

#include <float.h>
#include <stdio.h>

static it_context *context;

static int fail(const sample_exports *exports)
{
    fflush(stdout);
    if (exports && exports->mismatch)
        fprintf(stderr, "sample_typed: export %s is not what it_sample.h says: rebuild the header\n",
                exports->mismatch);
    else
        fprintf(stderr, "sample_typed: %s\n", it_context_error(context)->message);
    it_context_delete(context);
    return 1;
}

/* logging.log(string), the component's import. */
static it_status host_log(const it_host_call *call, const it_value *args, it_value *results)
{
    (void)call, (void)results;
    printf("%.*s\n", (int)args[0].of.string.size, args[0].of.string.data);
    return IT_OK;
}

static void print_string(it_string s) { printf("%.*s", (int)s.size, s.data); }

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "build/examples/sample";
    char path[4096];
    snprintf(path, sizeof path, "%s/it_sample.wasm", dir);
    const it_type string_type = IT_STRING;
    it_component *component;
    sample_exports sample;
    if (it_context_new(&context)) {
        fprintf(stderr, "sample_typed: out of memory\n");
        return 1;
    }
    if (it_define_host(context, "logging", "log", &string_type, 1, NULL, 0, host_log, NULL) ||
        it_load(context, path, &component))
        return fail(NULL);
    if (sample_bind(component, &sample))
        return fail(&sample);
    it_string text;
    it_value value;
    uint32_t number;

    puts("=== Testing Guest Functions ===\n");
    puts("--- String Functions ---");
    if (sample_reverse(&sample, it_bindings_string("Hello World!"), &text)) return fail(&sample);
    fputs("call_reverse(\"Hello World!\"): ", stdout), print_string(text), putchar('\n');
    /* a result stays valid until the next outermost call returns: it may be its argument */
    if (sample_reverse(&sample, text, &text)) return fail(&sample);
    fputs("call_reverse(call_reverse(\"Hello World!\")): ", stdout), print_string(text), putchar('\n');

    puts("\n--- Variant Functions ---");
    it_value payload = it_value_u32(40); /* v = variant { b(bool), n(u32) } */
    if (sample_variantFunc(&sample, it_value_case(IT_VARIANT, SAMPLE_V_N, &payload), &number)) return fail(&sample);
    printf("variant_func((uint32_t)40): %u\n", number);
    for (int b = 1; b >= 0; b--) {
        payload = it_value_u1(b);
        if (sample_variantFunc(&sample, it_value_case(IT_VARIANT, SAMPLE_V_B, &payload), &number))
            return fail(&sample);
        printf("variant_func((bool_t)%s): %u\n", b ? "true" : "false", number);
    }

    puts("\n--- Option Functions ---");
    payload = it_value_u32(40);
    if (sample_optionFunc(&sample, it_value_case(IT_OPTION, 1, &payload), &value)) return fail(&sample);
    printf("option_func((uint32_t)40).has_value(): %u\n", value.of.variant.index);
    printf("option_func((uint32_t)40).value(): %u\n", value.of.variant.payload->of.u32);
    if (sample_optionFunc(&sample, it_value_case(IT_OPTION, 0, NULL), &value)) return fail(&sample);
    printf("option_func(std::nullopt).has_value(): %u\n", value.of.variant.index);

    puts("\n--- Void Functions ---");
    if (sample_voidFunc(&sample)) return fail(&sample);

    puts("\n--- Result Functions ---");
    if (sample_okFunc(&sample, &value)) return fail(&sample);
    printf("ok_func result: %u\n", value.of.variant.payload->of.u32);
    if (sample_errFunc(&sample, &value)) return fail(&sample);
    fputs("err_func result: ", stdout), print_string(value.of.variant.payload->of.string), putchar('\n');

    puts("\n--- Boolean Functions ---");
    for (int i = 0; i < 4; i++) {
        bool both;
        if (sample_and(&sample, i & 2, i & 1, &both)) return fail(&sample);
        printf("call_and(%s, %s): %d\n", i & 2 ? "true" : "false", i & 1 ? "true" : "false", both);
    }

    puts("\n--- Float Functions ---");
    const double sums[4][2] = {{3.1, 0.2}, {1.5, 2.5}, {DBL_MAX / 2, 0.0}, {DBL_MAX / 2, DBL_MAX / 2}};
    const char *labels[4] = {"3.1, 0.2", "1.5, 2.5", "DBL_MAX, 0.0", "DBL_MAX / 2, DBL_MAX / 2"};
    for (int i = 0; i < 4; i++) {
        double sum;
        if (sample_add(&sample, sums[i][0], sums[i][1], &sum)) return fail(&sample);
        printf("call_add(%s): %g\n", labels[i], sum);
    }

    puts("\n--- Complex String Functions ---");
    char names[17][4];
    it_string p[17];
    for (int i = 0; i < 17; i++) {
        snprintf(names[i], sizeof names[i], "p%d", i + 1);
        p[i] = it_bindings_string(names[i]);
    }
    if (sample_lots(&sample, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12],
                    p[13], p[14], p[15], p[16], &number))
        return fail(&sample);
    printf("call_lots result: %u\n", number);

    puts("\n--- Tuple Functions ---");
    it_value pair[2] = {it_value_u1(false), it_value_cstring("Hello World!")};
    if (sample_reverseTuple(&sample, it_value_items(IT_TUPLE, pair, 2), &value)) return fail(&sample);
    fputs("call_reverse_tuple({false, \"Hello World!\"}): ", stdout);
    print_string(value.of.list.items[0].of.string);
    printf(", %d\n", value.of.list.items[1].of.u1);

    puts("\n--- List Functions ---");
    it_value payloads[4] = {it_value_u1(true), it_value_cstring("Hello"), it_value_u1(false), it_value_cstring("World")};
    it_value items[4]; /* item = variant { b(bool), s(string) } */
    for (int i = 0; i < 4; i++)
        items[i] = it_value_case(IT_VARIANT, i % 2 ? SAMPLE_ITEM_S : SAMPLE_ITEM_B, &payloads[i]);
    if (sample_listFilter(&sample, it_value_items(IT_LIST, items, 4), &value)) return fail(&sample);
    printf("call_list_filter result: %zu\n", value.of.list.count);

    puts("\n--- Enum Functions ---");
    const sample_e_t cases[3] = {SAMPLE_E_A, SAMPLE_E_B, SAMPLE_E_C};
    for (int i = 0; i < 3; i++) {
        if (sample_enumFunc(&sample, cases[i], &number)) return fail(&sample);
        printf("enum_func(e::%c): %u\n", 'a' + i, number);
    }

    puts("\n--- Record and Flags Functions ---");
    it_value point[2];
    point[SAMPLE_POINT_X] = it_value_f64(1.5);
    point[SAMPLE_POINT_Y] = it_value_f64(-2);
    if (sample_scale(&sample, it_value_items(IT_RECORD, point, 2), 2, &value)) return fail(&sample);
    printf("scale({1.5, -2}, 2): {%g, %g}\n", value.of.list.items[SAMPLE_POINT_X].of.f64,
           value.of.list.items[SAMPLE_POINT_Y].of.f64);
    sample_perms_t perms;
    if (sample_toggle(&sample, SAMPLE_PERMS_READ, &perms)) return fail(&sample);
    fputs("toggle({read}): {", stdout);
    const char *separator = "";
    if (perms & SAMPLE_PERMS_READ) printf("%sread", separator), separator = ", ";
    if (perms & SAMPLE_PERMS_WRITE) printf("%swrite", separator), separator = ", ";
    if (perms & SAMPLE_PERMS_EXEC) printf("%sexec", separator), separator = ", ";
    puts("}");

    puts("\n=== Cleanup and Summary ===");
    puts("Sample completed successfully!");
    it_context_delete(context);
    return 0;
}
