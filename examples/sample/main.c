/* main.c: seed 004's sample host natively (it_loader.h): calls every
 * function of the sample component and prints the seed's expected lines
 * (examples/sample/expected.txt), as main.js does in Node.
 *
 *   build/bin/sample_native [ADAPTER_DIR]   (default: build/examples/sample)
 */
/* examples/build.mk compiles every examples/NAME/NAME.c into a wasm core
 * module, this file included; for that target it is empty. */
#ifndef __wasm__

#include "it_loader.h"

#include <float.h>
#include <stdio.h>
#include <string.h>

static it_context *context;
static it_component *sample;

static int fail(void)
{
    fflush(stdout);
    fprintf(stderr, "sample: %s\n", it_context_error(context)->message);
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

/* Calls export `name` with `args`; its one result (if any) in *result. */
static it_status call(const char *name, const it_value *args, size_t arg_count, it_value *result)
{
    it_func *func;
    it_status status = it_component_func(sample, name, &func);
    return status ? status : it_call(func, args, arg_count, result, result ? 1 : 0);
}

#define CALL(name, args, count, result)                                                                    \
    do {                                                                                                   \
        if (call(name, args, count, result)) return fail();                                                \
    } while (0)

static void print_string(it_string s) { printf("%.*s", (int)s.size, s.data); }

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "build/examples/sample";
    char path[4096];
    snprintf(path, sizeof path, "%s/it_sample.wasm", dir);
    const it_type string_type = IT_STRING;
    if (it_context_new(&context)) {
        fprintf(stderr, "sample: out of memory\n");
        return 1;
    }
    if (it_define_host(context, "logging", "log", &string_type, 1, NULL, 0, host_log, NULL) ||
        it_load(context, path, &sample))
        return fail();
    it_value r, args[17];

    puts("=== Testing Guest Functions ===\n");
    puts("--- String Functions ---");
    args[0] = it_value_cstring("Hello World!");
    CALL("reverse", args, 1, &r);
    fputs("call_reverse(\"Hello World!\"): ", stdout), print_string(r.of.string), putchar('\n');
    args[0] = r; /* a result stays valid until the next outermost call returns: it may be its argument */
    CALL("reverse", args, 1, &r);
    fputs("call_reverse(call_reverse(\"Hello World!\")): ", stdout), print_string(r.of.string), putchar('\n');

    puts("\n--- Variant Functions ---");
    it_value payload = it_value_u32(40); /* v = variant { b(bool), n(u32) } */
    args[0] = it_value_case(IT_VARIANT, 1, &payload);
    CALL("variantFunc", args, 1, &r);
    printf("variant_func((uint32_t)40): %u\n", r.of.u32);
    for (int b = 1; b >= 0; b--) {
        payload = it_value_u1(b);
        args[0] = it_value_case(IT_VARIANT, 0, &payload);
        CALL("variantFunc", args, 1, &r);
        printf("variant_func((bool_t)%s): %u\n", b ? "true" : "false", r.of.u32);
    }

    puts("\n--- Option Functions ---");
    payload = it_value_u32(40);
    args[0] = it_value_case(IT_OPTION, 1, &payload);
    CALL("optionFunc", args, 1, &r);
    printf("option_func((uint32_t)40).has_value(): %u\n", r.of.variant.index);
    printf("option_func((uint32_t)40).value(): %u\n", r.of.variant.payload->of.u32);
    args[0] = it_value_case(IT_OPTION, 0, NULL);
    CALL("optionFunc", args, 1, &r);
    printf("option_func(std::nullopt).has_value(): %u\n", r.of.variant.index);

    puts("\n--- Void Functions ---");
    CALL("voidFunc", NULL, 0, NULL);

    puts("\n--- Result Functions ---");
    CALL("okFunc", NULL, 0, &r);
    printf("ok_func result: %u\n", r.of.variant.payload->of.u32);
    CALL("errFunc", NULL, 0, &r);
    fputs("err_func result: ", stdout), print_string(r.of.variant.payload->of.string), putchar('\n');

    puts("\n--- Boolean Functions ---");
    for (int i = 0; i < 4; i++) {
        args[0] = it_value_u1(i & 2), args[1] = it_value_u1(i & 1);
        CALL("and", args, 2, &r);
        printf("call_and(%s, %s): %d\n", i & 2 ? "true" : "false", i & 1 ? "true" : "false", r.of.u1);
    }

    puts("\n--- Float Functions ---");
    const double sums[4][2] = {{3.1, 0.2}, {1.5, 2.5}, {DBL_MAX / 2, 0.0}, {DBL_MAX / 2, DBL_MAX / 2}};
    const char *labels[4] = {"3.1, 0.2", "1.5, 2.5", "DBL_MAX, 0.0", "DBL_MAX / 2, DBL_MAX / 2"};
    for (int i = 0; i < 4; i++) {
        args[0] = it_value_f64(sums[i][0]), args[1] = it_value_f64(sums[i][1]);
        CALL("add", args, 2, &r);
        printf("call_add(%s): %g\n", labels[i], r.of.f64);
    }

    puts("\n--- Complex String Functions ---");
    char names[17][4];
    for (int i = 0; i < 17; i++) {
        snprintf(names[i], sizeof names[i], "p%d", i + 1);
        args[i] = it_value_cstring(names[i]);
    }
    CALL("lots", args, 17, &r);
    printf("call_lots result: %u\n", r.of.u32);

    puts("\n--- Tuple Functions ---");
    it_value pair[2] = {it_value_u1(false), it_value_cstring("Hello World!")};
    args[0] = it_value_items(IT_TUPLE, pair, 2);
    CALL("reverseTuple", args, 1, &r);
    fputs("call_reverse_tuple({false, \"Hello World!\"}): ", stdout);
    print_string(r.of.list.items[0].of.string);
    printf(", %d\n", r.of.list.items[1].of.u1);

    puts("\n--- List Functions ---");
    it_value payloads[4] = {it_value_u1(true), it_value_cstring("Hello"), it_value_u1(false), it_value_cstring("World")};
    it_value items[4]; /* item = variant { b(bool), s(string) } */
    for (int i = 0; i < 4; i++) items[i] = it_value_case(IT_VARIANT, (uint32_t)(i % 2), &payloads[i]);
    args[0] = it_value_items(IT_LIST, items, 4);
    CALL("listFilter", args, 1, &r);
    printf("call_list_filter result: %zu\n", r.of.list.count);

    puts("\n--- Enum Functions ---");
    for (uint32_t e = 0; e < 3; e++) {
        args[0] = it_value_enum(e);
        CALL("enumFunc", args, 1, &r);
        printf("enum_func(e::%c): %u\n", 'a' + e, r.of.u32);
    }

    puts("\n--- Record and Flags Functions ---");
    it_value point[2] = {it_value_f64(1.5), it_value_f64(-2)};
    args[0] = it_value_items(IT_RECORD, point, 2), args[1] = it_value_f64(2);
    CALL("scale", args, 2, &r);
    printf("scale({1.5, -2}, 2): {%g, %g}\n", r.of.list.items[0].of.f64, r.of.list.items[1].of.f64);
    args[0] = it_value_flags(1); /* read */
    CALL("toggle", args, 1, &r);
    const char *flag_names[3] = {"read", "write", "exec"};
    fputs("toggle({read}): {", stdout);
    for (int i = 0, first = 1; i < 3; i++)
        if (r.of.flags >> i & 1) printf("%s%s", first ? "" : ", ", flag_names[i]), first = 0;
    puts("}");

    puts("\n=== Cleanup and Summary ===");
    puts("Sample completed successfully!");
    it_context_delete(context);
    return 0;
}

#endif
