/* rich_test.c: the typed wrappers of it_rich.h (`itlc --emit-header tests/loader/rich/rich.itl`)
 * against the rich component, whose exports mostly give their argument back: each kind of C
 * value the header types (enum, flags, char, bool, integers, floats, strings, several results,
 * NULL result pointers), it_value for the others, errors as statuses, and rich_bind's checks.
 *
 *   bindings_rich_test ADAPTER          the calls; prints "N passed, M failed"
 *   bindings_rich_test --bind ADAPTER   rich_bind alone; prints its status and what failed
 */
#include "it_rich.h"

#include <stdio.h>
#include <string.h>

static int passed, failed;

static void check(bool ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL: %s\n", what);
    }
}

static bool same_string(it_string s, const char *text)
{
    return s.size == strlen(text) && memcmp(s.data, text, s.size) == 0;
}

static int logged_points, logged_all;

/* console.logPoint and console.logAll: counted (their arguments are checked by the loader). */
static it_status host_log(const it_host_call *call, const it_value *args, it_value *results)
{
    (void)results;
    if (strcmp(call->import->name, "logPoint") == 0)
        logged_points += args[0].of.list.items[RICH_POINT_X].of.f64 == 3;
    else
        logged_all += args[1].of.case_index == RICH_COLOR_GREEN && args[2].of.flags == RICH_PERMS_WRITE;
    return IT_OK;
}

static void run(const rich_exports *rich, it_context *context)
{
    rich_color_t color;
    check(rich_color(rich, RICH_COLOR_BLUE, &color) == IT_OK && color == RICH_COLOR_BLUE, "color");
    check(rich_color(rich, RICH_COLOR_RED, NULL) == IT_OK, "a NULL result pointer");
    rich_perms_t perms;
    check(rich_perms(rich, RICH_PERMS_READ | RICH_PERMS_EXEC, &perms) == IT_OK &&
              perms == (RICH_PERMS_READ | RICH_PERMS_EXEC), "perms");
    check(rich_readWrite(rich, &perms) == IT_OK && perms == (RICH_PERMS_READ | RICH_PERMS_WRITE), "readWrite");
    uint32_t code_point;
    check(rich_char(rich, 0x1F389, &code_point) == IT_OK && code_point == 0x1F389, "char");
    bool flag;
    check(rich_bool(rich, true, &flag) == IT_OK && flag, "bool");
    it_string text;
    check(rich_describe(rich, RICH_COLOR_RED, &text) == IT_OK && same_string(text, "red"), "describe red");
    check(rich_describe(rich, RICH_COLOR_GREEN, &text) == IT_OK && same_string(text, "not red"), "describe green");
    check(rich_colorName(rich, RICH_COLOR_BLUE, &text) == IT_OK && same_string(text, "another color"), "colorName");
    check(rich_nextColor(rich, RICH_COLOR_BLUE, &color) == IT_OK && color == RICH_COLOR_RED, "nextColor");
    uint32_t size;
    check(rich_sizeOrName(rich, 5, it_bindings_string("five"), &size, &text) == IT_OK && size == 5 &&
              same_string(text, "five"), "sizeOrName: two results");
    check(rich_sizeOrName(rich, 0, it_bindings_string("x"), NULL, &text) == IT_OK && same_string(text, "person"),
          "sizeOrName: the first result pointer NULL");
    bool less, equal, greater_or_equal;
    check(rich_compare(rich, 1, 2, &less, &equal, &greater_or_equal) == IT_OK && less && !equal &&
              !greater_or_equal, "compare: three results");
    check(rich_sameChar(rich, 'a', 'a', &flag) == IT_OK && flag, "sameChar");

    it_value point, field[2];
    check(rich_makePoint(rich, 3, -2, &point) == IT_OK && point.type == IT_RECORD &&
              point.of.list.items[RICH_POINT_X].of.f64 == 3 && point.of.list.items[RICH_POINT_Y].of.f64 == -2,
          "makePoint");
    field[RICH_POINT_X] = it_value_f64(1.5);
    field[RICH_POINT_Y] = it_value_f64(4);
    double y;
    check(rich_pointY(rich, it_value_items(IT_RECORD, field, 2), &y) == IT_OK && y == 4, "pointY");
    it_value swapped;
    check(rich_two(rich, it_value_items(IT_RECORD, field, 2), RICH_COLOR_GREEN, &color, &swapped) == IT_OK &&
              color == RICH_COLOR_GREEN && swapped.of.list.items[RICH_POINT_X].of.f64 == 1.5, "two");
    /* (point was a result: gone once the next outermost call returned; build one) */
    it_value rect_fields[2] = { it_value_f64(3), it_value_f64(-2) };
    it_value rect = it_value_items(IT_RECORD, rect_fields, 2);
    it_value shape = it_value_case(IT_VARIANT, RICH_SHAPE_RECT, &rect);
    double area;
    check(rich_area(rich, shape, &area) == IT_OK && area == -6, "area of a rect");
    it_value outcome;
    check(rich_checked(rich, -1, &outcome) == IT_OK && outcome.of.variant.index == 1 &&
              same_string(outcome.of.variant.payload->of.string, "negative"), "checked: an err");
    check(rich_checked(rich, 7, &outcome) == IT_OK && outcome.of.variant.index == 0 &&
              outcome.of.variant.payload->of.u32 == 7, "checked: an ok");
    const int64_t numbers[3] = { -1, INT64_MAX, 3 };
    int64_t second;
    check(rich_second(rich, it_value_numbers(numbers, 3), &second) == IT_OK && second == INT64_MAX, "second");
    const uint8_t bytes[3] = { 1, 2, 255 };
    it_value list;
    check(rich_bytes(rich, it_value_numbers(bytes, 3), &list) == IT_OK && list.of.list.count == 3 &&
              memcmp(list.of.list.data, bytes, 3) == 0, "bytes");
    uint32_t unwrapped;
    check(rich_unwrapOr(rich, it_value_case(IT_OPTION, 0, NULL), 9, &unwrapped) == IT_OK && unwrapped == 9,
          "unwrapOr none");
    check(rich_logPoint(rich, rect) == IT_OK && logged_points == 1, "logPoint: no results");
    const uint32_t words[2] = { 1, 2 };
    check(rich_logAll(rich, it_bindings_string("all"), RICH_COLOR_GREEN, RICH_PERMS_WRITE,
                      it_value_case(IT_VARIANT, RICH_SHAPE_EMPTY, NULL), it_value_numbers(words, 2)) == IT_OK &&
              logged_all == 1, "logAll: five arguments");

    /* it_call's checks stay: a wrong it_value is IT_ERR_TYPE naming the export */
    it_status status = rich_pointY(rich, it_value_cstring("no point"), &y);
    check(status == IT_ERR_TYPE && strstr(it_context_error(context)->message, "rich.pointY: argument 1") != NULL,
          "a wrong it_value: IT_ERR_TYPE naming the export");
}

int main(int argc, char **argv)
{
    bool bind_only = argc == 3 && strcmp(argv[1], "--bind") == 0;
    if (argc != 2 && !bind_only) {
        fprintf(stderr, "usage: bindings_rich_test [--bind] ADAPTER\n");
        return 2;
    }
    it_context *context;
    it_component *component;
    if (it_context_new(&context))
        return 1;
    if (it_define_host_any(context, "console", "logPoint", host_log, NULL) ||
        it_define_host_any(context, "console", "logAll", host_log, NULL) ||
        it_load(context, argv[argc - 1], &component)) {
        printf("load: %s\n", it_context_error(context)->message);
        it_context_delete(context);
        return 1;
    }
    rich_exports rich;
    it_status status = rich_bind(component, &rich);
    if (bind_only) {
        printf("%s: %s\n", it_status_message(status),
               status == IT_OK ? "" : rich.mismatch ? rich.mismatch : it_context_error(context)->message);
        it_context_delete(context);
        return status == IT_OK ? 0 : 1;
    }
    check(status == IT_OK && rich.mismatch == NULL, "rich_bind");
    if (status == IT_OK)
        run(&rich, context);
    it_context_delete(context);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
