/* main.c: runs the fizzbuzz example natively (it_loader.h): three adapted components, fizzbuzz importing fizz and buzz. */
/* examples/build.mk compiles every examples/NAME/NAME.c into a wasm core
 * module, this file included; for that target it is empty (main.wasm is an
 * empty module nobody loads). The native build (loader/build.mk) sees it all. */
#ifndef __wasm__

#include "it_loader.h"

#include <stdio.h>
#include <stdlib.h>

/*
 *   build/bin/fizzbuzz_native [ADAPTER_DIR]   (default: build/examples/fizzbuzz)
 *
 * Prints exactly what examples/fizzbuzz/main.js prints in Node
 * (examples/fizzbuzz/expected.txt).
 */

/* console.log(string), the host import of fizzbuzz. */
static it_status console_log(const it_host_call *call, const it_value *args, it_value *results)
{
    (void)call, (void)results;
    printf("%.*s\n", (int)args[0].of.string.size, args[0].of.string.data);
    return IT_OK;
}

/* A string as JSON.stringify writes it (for the lines main.js prints). */
static void print_json(it_string text)
{
    putchar('"');
    for (size_t i = 0; i < text.size; i++) {
        unsigned char c = (unsigned char)text.data[i];
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

static int fail(it_context *context)
{
    fflush(stdout);
    fprintf(stderr, "fizzbuzz: %s\n", it_context_error(context)->message);
    it_context_delete(context);
    return 1;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "build/examples/fizzbuzz";
    char path[4096];
    it_context *context;
    if (it_context_new(&context)) {
        fprintf(stderr, "fizzbuzz: out of memory\n");
        return 1;
    }

    it_component *fizz, *buzz, *fizzbuzz;
    snprintf(path, sizeof path, "%s/it_fizz.wasm", dir);
    if (it_load(context, path, &fizz)) return fail(context);
    snprintf(path, sizeof path, "%s/it_buzz.wasm", dir);
    if (it_load(context, path, &buzz)) return fail(context);

    /* fizz and buzz are given as whole components: their exports go straight
     * through to fizzbuzz's imports, with no C in between. */
    const it_type string = IT_STRING;
    if (it_define_component(context, "fizz", fizz) ||
        it_define_component(context, "buzz", buzz) ||
        it_define_host(context, "console", "log", &string, 1, NULL, 0, console_log, NULL))
        return fail(context);
    snprintf(path, sizeof path, "%s/it_fizzbuzz.wasm", dir);
    if (it_load(context, path, &fizzbuzz)) return fail(context);

    it_func *is_fizz, *fizz_str, *is_buzz, *buzz_str, *run;
    if (it_component_func(fizz, "isFizz", &is_fizz) ||
        it_component_func(fizz, "fizzStr", &fizz_str) ||
        it_component_func(buzz, "isBuzz", &is_buzz) ||
        it_component_func(buzz, "buzzStr", &buzz_str) ||
        it_component_func(fizzbuzz, "fizzbuzz", &run))
        return fail(context);

    it_value nine = it_value_s32(9), is, str;
    if (it_call(is_fizz, &nine, 1, &is, 1) || it_call(fizz_str, NULL, 0, &str, 1))
        return fail(context);
    printf("fizz.isFizz(9) = %s, fizz.fizzStr() = ", is.of.u1 ? "true" : "false");
    print_json(str.of.string);
    putchar('\n');
    if (it_call(is_buzz, &nine, 1, &is, 1) || it_call(buzz_str, NULL, 0, &str, 1))
        return fail(context);
    printf("buzz.isBuzz(9) = %s, buzz.buzzStr() = ", is.of.u1 ? "true" : "false");
    print_json(str.of.string);
    putchar('\n');

    it_value twenty = it_value_s32(20);
    if (it_call(run, &twenty, 1, NULL, 0)) return fail(context);
    it_context_delete(context);
    return 0;
}

#endif /* __wasm__ */
