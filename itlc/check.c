/* check.c: names and types. Resolves every name, type-checks every body
 * (docs/itl.md gives the rules) and builds the typed expression trees that
 * emit.c lowers. A mismatch is a compile error, never a runtime surprise. */
#include <string.h>

#include "itlc.h"

/* Integers of 32 bits or fewer (u1 too), which convert to char, enum and flags. */
static bool check_is_narrow_integer(itlc_type type)
{
    return type_is_integer(type) && type_get(type)->lowered == VAL_I32;
}

static bool check_is_label_or_char(itlc_type type)
{
    type_kind kind = type_get(type)->kind;
    return kind == KIND_LABELS || kind == KIND_CHAR;
}

bool check_conversion_allowed(itlc_type from, itlc_type to)
{
    if (from == TYPE_ERROR || from == TYPE_BOTTOM || to == TYPE_ERROR)
        return true;
    if (from == to || (type_is_numeric(from) && type_is_numeric(to)))
        return true;
    /* char, enum and flags are their i32: they convert to every integer
     * type (as a u32 would), and from the 32-bit ones (checked: docs/itl.md) */
    if (check_is_label_or_char(from))
        return type_is_integer(to);
    if (check_is_label_or_char(to))
        return check_is_narrow_integer(from);
    return false;
}

/* ---- the checker ------------------------------------------------------ */

static const char *const instr_keywords[] = {
#define X(id, keyword, operands, semantics) keyword,
    ITLC_INSTRS(X)
#undef X
};

static const int instr_operands[] = {
#define X(id, keyword, operands, semantics) operands,
    ITLC_INSTRS(X)
#undef X
};

typedef struct checker {
    itlc_program *program;
    itlc_diag *diag;
    arena *arena;
    itlc_func *func;        /* the function being checked */
    size_t local_capacity;
    bool had_error;         /* in this function: skip the result check */
    itlc_map funcs;         /* function name -> index of its first definition */
    itlc_map modules;       /* module name -> index of its first definition */
    itlc_map locals;        /* in this function: $name -> local index */
    itlc_loc *local_locs;   /* where each named local was named (for notes) */
    size_t local_loc_capacity;
    itlc_map labels;        /* "type\0label" -> the member or case index (check_label) */
    itlc_map labelled;      /* the types whose labels are in `labels` */
} checker;

static itlc_type *check_one_type(checker *c, itlc_type type)
{
    itlc_type *types = arena_alloc(c->arena, sizeof *types);
    types[0] = type;
    return types;
}

static expr *check_new_expr(checker *c, expr_form form, itlc_loc loc, itlc_type result)
{
    expr *e = arena_alloc(c->arena, sizeof *e);
    e->form = form;
    e->loc = loc;
    if (result != TYPE_NONE) {
        e->types = check_one_type(c, result);
        e->type_count = 1;
    }
    return e;
}

/* An expression that already had an error: one value that matches anything. */
static expr *check_error_expr(checker *c, itlc_loc loc)
{
    c->had_error = true;
    return check_new_expr(c, EXPR_UNREACHABLE, loc, TYPE_ERROR);
}

static bool check_type_matches(itlc_type expected, itlc_type found)
{
    return expected == found || expected == TYPE_ERROR || found == TYPE_ERROR || found == TYPE_BOTTOM;
}

/* The end of a type mismatch message: how to fix it with `as`, when `as`
 * can (every pair of numeric types), else nothing. */
static const char *check_as_hint(checker *c, itlc_type expected, itlc_type found)
{
    if (expected == found || !type_is_numeric(expected) || !type_is_numeric(found))
        return "";
    return arena_printf(c->arena, "; convert with (as %s ...)", type_name(expected));
}

static const char *check_func_display(checker *c, const itlc_func *func)
{
    if (func->name.bytes)
        return arena_printf(c->arena, "'%s'", func->name.bytes);
    if (func->import_module.bytes)
        return arena_printf(c->arena, "\"%s\" \"%s\"", func->import_module.bytes, func->field.bytes);
    return arena_printf(c->arena, "\"%s\"", func->field.bytes);
}

static itlc_func *check_find_func(checker *c, itlc_str name)
{
    uint32_t *index = map_find(&c->funcs, name.bytes, name.length);
    return index ? c->program->funcs[*index] : NULL;
}

static itlc_module *check_find_module(checker *c, itlc_str name)
{
    uint32_t *index = map_find(&c->modules, name.bytes, name.length);
    return index ? c->program->modules[*index] : NULL;
}

static bool check_is_unreachable(const sx *node)
{
    if (node->kind == SX_SYMBOL)
        return str_equal_cstr(node->text, "unreachable");
    return node->kind == SX_LIST && node->count == 1 && node->items[0]->kind == SX_SYMBOL &&
           str_equal_cstr(node->items[0]->text, "unreachable");
}

/* An integer literal of type `type` (s32 when the context gives no numeric
 * type); out-of-range values are errors, never silently wrapped. */
static expr *check_literal(checker *c, const sx *node, itlc_type type)
{
    if (!type_is_integer(type) && !type_is_float(type))
        type = TYPE_S32;
    const type_info *info = type_get(type);
    expr *e = check_new_expr(c, EXPR_LITERAL, node->loc, type);
    e->type = type;
    uint64_t magnitude = node->magnitude;
    if (type_is_float(type)) {
        double value = node->negative ? -(double)magnitude : (double)magnitude;
        if (type == TYPE_F32) {
            float narrow = (float)value;
            uint32_t bits;
            memcpy(&bits, &narrow, sizeof bits);
            e->bits = bits;
        } else {
            memcpy(&e->bits, &value, sizeof e->bits);
        }
        return e;
    }
    int bits = info->bits;
    /* the largest magnitude allowed above and below zero */
    uint64_t max_positive, max_negative;
    uint64_t all_ones = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
    if (type == TYPE_I32 || type == TYPE_I64) {
        max_positive = all_ones; /* a bit pattern */
        max_negative = (uint64_t)1 << (bits - 1);
    } else if (info->is_signed) {
        max_positive = ((uint64_t)1 << (bits - 1)) - 1;
        max_negative = (uint64_t)1 << (bits - 1);
    } else {
        max_positive = all_ones;
        max_negative = 0;
    }
    if (magnitude > (node->negative ? max_negative : max_positive)) {
        diag_error(c->diag, node->loc, ITLC_ERR_LITERAL_RANGE, node->text.bytes, info->name);
        c->had_error = true;
        e->types[0] = TYPE_ERROR;
        return e;
    }
    uint64_t value = node->negative ? (uint64_t)0 - magnitude : magnitude;
    e->bits = info->lowered == VAL_I32 ? (uint32_t)value : value;
    return e;
}

static expr *check_expr(checker *c, const sx *node, itlc_type expected);

/* One value, whatever its type; `hint` types literals (and is passed into
 * arithmetic for its literals). `what` names it in messages ("argument 1 of 'f'"). */
static expr *check_value(checker *c, const sx *node, itlc_type hint, const char *what)
{
    expr *e = check_expr(c, node, hint);
    if (e->type_count != 1) {
        diag_error(c->diag, node->loc, e->type_count > 1 ? ITLC_ERR_NOT_ONE_VALUE_MANY : ITLC_ERR_NOT_ONE_VALUE, what,
                   e->type_count);
        return check_error_expr(c, node->loc);
    }
    return e;
}

/* An operand: exactly one value, of type `expected` unless that is NONE. */
static expr *check_operand(checker *c, const sx *node, itlc_type expected, const char *what)
{
    expr *e = check_value(c, node, expected, what);
    if (expected != TYPE_NONE && !check_type_matches(expected, e->types[0])) {
        diag_error(c->diag, node->loc, ITLC_ERR_TYPE_MISMATCH, what, type_name(expected),
                   type_name(e->types[0]), check_as_hint(c, expected, e->types[0]));
        c->had_error = true;
        e->types[0] = TYPE_ERROR;
    }
    return e;
}

static expr **check_operands(checker *c, expr *e, size_t count)
{
    e->operands = arena_alloc(c->arena, (count ? count : 1) * sizeof *e->operands);
    e->operand_count = count;
    return e->operands;
}

/* A type name operand (as, load, store). NONE after reporting. */
static itlc_type check_type_operand(checker *c, const sx *node)
{
    return type_from_sx(c->diag, node);
}

/* MOD "mem": the module and memory export name of the memory forms. */
static bool check_memory_operands(checker *c, const sx *module_node, const sx *memory_node, expr *e)
{
    if (module_node->kind != SX_SYMBOL) {
        diag_error(c->diag, module_node->loc, ITLC_ERR_EXPECTED, "a module name",
                   sx_describe(c->arena, module_node));
        return false;
    }
    e->module = check_find_module(c, module_node->text);
    if (!e->module) {
        diag_error(c->diag, module_node->loc, ITLC_ERR_UNKNOWN_MODULE, module_node->text.bytes);
        return false;
    }
    if (memory_node->kind != SX_STRING) {
        diag_error(c->diag, memory_node->loc, ITLC_ERR_EXPECTED, "a memory export name string",
                   sx_describe(c->arena, memory_node));
        return false;
    }
    if (!parse_name_ok(c->diag, memory_node, "the memory name"))
        return false;
    e->memory = memory_node->text;
    return true;
}

static expr *check_call(checker *c, const sx *node)
{
    const sx *name = node->count > 1 ? node->items[1] : NULL;
    if (!name || name->kind != SX_SYMBOL) {
        if (name)
            diag_error(c->diag, name->loc, ITLC_ERR_EXPECTED, "a function name", sx_describe(c->arena, name));
        else
            diag_error(c->diag, node->loc, ITLC_ERR_EXPECTED, "a function name", "the end of the list");
        return check_error_expr(c, node->loc);
    }
    if (str_equal_cstr(name->text, "_")) {
        diag_error(c->diag, name->loc, ITLC_ERR_ANONYMOUS_CALL);
        return check_error_expr(c, node->loc);
    }
    itlc_func *callee = check_find_func(c, name->text);
    if (!callee) {
        diag_error(c->diag, name->loc, ITLC_ERR_UNKNOWN_FUNCTION, name->text.bytes);
        for (size_t i = 2; i < node->count; i++) /* still check the arguments */
            (void)check_operand(c, node->items[i], TYPE_NONE, "an argument");
        return check_error_expr(c, node->loc);
    }
    size_t argument_count = node->count - 2;
    if (callee->broken) {
        for (size_t i = 2; i < node->count; i++)
            (void)check_operand(c, node->items[i], TYPE_NONE, "an argument");
        return check_error_expr(c, node->loc);
    }
    expr *e = check_new_expr(c, EXPR_CALL, node->loc, TYPE_NONE);
    e->callee = callee;
    e->types = callee->sig.results;
    e->type_count = callee->sig.result_count;
    /* Each argument gives one value, or several in order (a call with
     * several results, a lower-flat): they fill the parameters in turn. */
    expr **operands = check_operands(c, e, argument_count);
    size_t values = 0;
    const itlc_sig *sig = &callee->sig;
    for (size_t i = 0; i < argument_count; i++) {
        const sx *item = node->items[i + 2];
        itlc_type expected = values < sig->param_count ? sig->params[values] : TYPE_NONE;
        const char *what = arena_printf(c->arena, "argument %zu of '%s'", values + 1, name->text.bytes);
        expr *arg = check_expr(c, item, expected);
        if (arg->type_count == 0) {
            diag_error(c->diag, item->loc, ITLC_ERR_NOT_ONE_VALUE, what, (size_t)0);
            arg = check_error_expr(c, item->loc);
        }
        for (size_t k = 0; k < arg->type_count; k++, values++) {
            if (values >= sig->param_count || check_type_matches(sig->params[values], arg->types[k]))
                continue;
            if (arg->type_count > 1)
                what = arena_printf(c->arena, "argument %zu of '%s' (value %zu of this expression)", values + 1,
                                    name->text.bytes, k + 1);
            diag_error(c->diag, item->loc, ITLC_ERR_TYPE_MISMATCH, what, type_name(sig->params[values]),
                       type_name(arg->types[k]), arg->type_count == 1 ? check_as_hint(c, sig->params[values],
                                                                                        arg->types[k])
                                                                      : "");
            c->had_error = true;
        }
        operands[i] = arg;
    }
    if (values != sig->param_count) {
        diag_error(c->diag, node->loc, ITLC_ERR_WRONG_ARITY, name->text.bytes, sig->param_count, values);
        c->had_error = true;
    }
    return e;
}

/* The two operands of + - * / and the comparisons, of one type: a literal
 * operand takes the other operand's type (or the context's, or s32).
 * Returns that type, TYPE_ERROR after reporting a mismatch. */
static itlc_type check_pair(checker *c, const sx *node, expr *e, itlc_type expected)
{
    const char *keyword = instr_keywords[e->form];
    expr **operands = check_operands(c, e, 2);
    const char *first = arena_printf(c->arena, "first operand of '%s'", keyword);
    const char *second = arena_printf(c->arena, "second operand of '%s'", keyword);
    const sx *left = node->items[1], *right = node->items[2];
    if (left->kind == SX_INTEGER && right->kind != SX_INTEGER) {
        operands[1] = check_value(c, right, expected, second);
        itlc_type context = operands[1]->types[0];
        bool usable = context != TYPE_ERROR && context != TYPE_BOTTOM;
        operands[0] = check_value(c, left, usable ? context : expected, first);
    } else {
        operands[0] = check_value(c, left, expected, first);
        itlc_type context = operands[0]->types[0];
        bool usable = context != TYPE_ERROR && context != TYPE_BOTTOM;
        operands[1] = check_value(c, right, usable ? context : expected, second);
    }
    itlc_type left_type = operands[0]->types[0], right_type = operands[1]->types[0];
    if (!check_type_matches(left_type, right_type) && left_type != TYPE_BOTTOM) {
        diag_error(c->diag, right->loc, ITLC_ERR_TYPE_MISMATCH, second, type_name(left_type), type_name(right_type),
                   check_as_hint(c, left_type, right_type));
        c->had_error = true;
        return TYPE_ERROR;
    }
    itlc_type type = left_type;
    if (type == TYPE_BOTTOM || type == TYPE_ERROR)
        type = right_type;
    return type == TYPE_BOTTOM ? TYPE_S32 : type;
}

/* + - * /: two operands of one integer (not u1) or float type. */
static expr *check_arithmetic(checker *c, const sx *node, expr_form form, itlc_type expected)
{
    expr *e = check_new_expr(c, form, node->loc, TYPE_NONE);
    itlc_type type = check_pair(c, node, e, expected);
    if (type == TYPE_ERROR)
        return check_error_expr(c, node->loc);
    if ((!type_is_integer(type) && !type_is_float(type)) || type == TYPE_U1) {
        diag_error(c->diag, node->loc, ITLC_ERR_BAD_ARITHMETIC, instr_keywords[form], type_name(type));
        type = TYPE_ERROR;
        c->had_error = true;
    }
    e->type = type;
    e->types = check_one_type(c, type);
    e->type_count = 1;
    return e;
}

/* = != < <= > >=: two operands of one type held as a number (integers,
 * floats, char, enum; flags only for = and !=), giving a u1. Literals are
 * typed as for arithmetic, with no context (s32 when both are literals). */
static expr *check_compare(checker *c, const sx *node, expr_form form)
{
    expr *e = check_new_expr(c, form, node->loc, TYPE_U1);
    itlc_type type = check_pair(c, node, e, TYPE_NONE);
    if (type == TYPE_ERROR)
        return e;
    const type_info *t = type_get(type);
    bool equality = form == EXPR_EQ || form == EXPR_NE;
    bool ok = type_is_numeric(type) || t->kind == KIND_CHAR || t->ctor == CTOR_ENUM ||
              (t->ctor == CTOR_FLAGS && equality);
    if (!ok) {
        diag_error(c->diag, node->loc, ITLC_ERR_BAD_COMPARE, instr_keywords[form], type_name(type),
                   t->ctor == CTOR_FLAGS ? " (flags compare only with = and !=)" : "");
        c->had_error = true;
    }
    e->type = type;
    return e;
}

static bool check_is_local_name(const sx *node)
{
    return node->kind == SX_SYMBOL && node->text.length > 1 && node->text.bytes[0] == '$';
}

/* The value of a name in checker.locals once its match case has ended. */
#define LOCAL_UNBOUND UINT32_MAX

/* Names local `index` $name (reported if the function has it already). */
static void check_name_local(checker *c, const sx *name, uint32_t index)
{
    bool inserted;
    uint32_t *first = map_insert(&c->locals, c->arena, name->text.bytes, name->text.length, index, &inserted);
    if (!inserted && *first != LOCAL_UNBOUND) {
        diag_error(c->diag, name->loc, ITLC_ERR_DUPLICATE_LOCAL, name->text.bytes);
        diag_note(c->diag, c->local_locs[*first], ITLC_ERR_PREVIOUS_DEFINITION);
        return;
    }
    *first = index;
    if (index >= c->local_loc_capacity) { /* room for local `index`, whatever was named before */
        size_t capacity = index + 1 > 2 * c->local_loc_capacity ? index + 8 : 2 * c->local_loc_capacity;
        itlc_loc *locs = arena_alloc(c->arena, capacity * sizeof *locs);
        if (c->local_loc_capacity)
            memcpy(locs, c->local_locs, c->local_loc_capacity * sizeof *locs);
        c->local_locs = locs;
        c->local_loc_capacity = capacity;
    }
    c->local_locs[index] = name->loc;
}

/* A read of local $name. */
static expr *check_named_local(checker *c, const sx *name)
{
    uint32_t *index = map_find(&c->locals, name->text.bytes, name->text.length);
    if (!index || *index == LOCAL_UNBOUND) {
        diag_error(c->diag, name->loc, ITLC_ERR_UNKNOWN_LOCAL, name->text.bytes);
        return check_error_expr(c, name->loc);
    }
    expr *e = check_new_expr(c, EXPR_LOCAL, name->loc, c->func->locals[*index]);
    e->local_index = *index;
    return e;
}

static expr *check_expr(checker *c, const sx *node, itlc_type expected);

/* The expressions of an if branch, (then e...) or (else e...): their values
 * in order into *types (TYPE_BOTTOM for unreachable). */
static void check_branch(checker *c, const sx *branch, size_t first, itlc_type expected, expr ***operands,
                         size_t *count, size_t *capacity, itlc_type **types, size_t *type_count,
                         size_t *type_capacity)
{
    for (size_t i = first; i < branch->count; i++) {
        expr *e = check_expr(c, branch->items[i], *type_count == 0 ? expected : TYPE_NONE);
        *operands = arena_grow(c->arena, *operands, *count, capacity, sizeof **operands);
        (*operands)[(*count)++] = e;
        for (size_t k = 0; k < e->type_count; k++) {
            *types = arena_grow(c->arena, *types, *type_count, type_capacity, sizeof **types);
            (*types)[(*type_count)++] = e->types[k];
        }
    }
}

static const char *check_types_text(checker *c, const itlc_type *types, size_t count)
{
    bytes text = { 0 };
    bytes_byte(c->arena, &text, '(');
    for (size_t i = 0; i < count; i++)
        bytes_printf(c->arena, &text, "%s%s", i ? " " : "", type_name(types[i]));
    bytes_printf(c->arena, &text, ")");
    bytes_byte(c->arena, &text, 0);
    return (const char *)text.data;
}

/* Joins the values two branches leave (an if's, a match's cases) into
 * *out: the same in number and type (unreachable's value matching any
 * type), or one branch only traps (its one value is unreachable's) and
 * matches whatever the other leaves. False if they differ. */
static bool check_join(checker *c, const itlc_type *a, size_t a_count, const itlc_type *b, size_t b_count,
                       itlc_type **out, size_t *out_count)
{
    if (a_count == 1 && a[0] == TYPE_BOTTOM) {
        a = b;
        a_count = b_count;
    } else if (b_count == 1 && b[0] == TYPE_BOTTOM) {
        b = a;
        b_count = a_count;
    }
    if (a_count != b_count)
        return false;
    itlc_type *types = arena_alloc(c->arena, (a_count ? a_count : 1) * sizeof *types);
    for (size_t i = 0; i < a_count; i++) {
        if (!check_type_matches(a[i], b[i]) && !check_type_matches(b[i], a[i]))
            return false;
        types[i] = a[i] == TYPE_BOTTOM || a[i] == TYPE_ERROR ? b[i] : a[i];
    }
    *out = types;
    *out_count = a_count;
    return true;
}

/* (if c (then e...) (else e...)): else may be left out when then leaves nothing. */
static expr *check_if(checker *c, const sx *node, itlc_type expected)
{
    const sx *const *items = (const sx *const *)node->items;
    bool shape = node->count == 3 || node->count == 4;
    for (size_t i = 2; shape && i < node->count; i++)
        shape = items[i]->kind == SX_LIST && items[i]->count >= 1 && items[i]->items[0]->kind == SX_SYMBOL &&
                str_equal_cstr(items[i]->items[0]->text, i == 2 ? "then" : "else");
    if (!shape) {
        diag_error(c->diag, node->loc, ITLC_ERR_EXPECTED, "(if CONDITION (then ...) (else ...))",
                   sx_describe(c->arena, node));
        return check_error_expr(c, node->loc);
    }
    expr *condition = check_value(c, items[1], TYPE_U1, "condition of 'if'");
    itlc_type ct = condition->types[0];
    if (!(type_is_integer(ct) && type_get(ct)->lowered == VAL_I32) && ct != TYPE_ERROR && ct != TYPE_BOTTOM) {
        diag_error(c->diag, items[1]->loc, ITLC_ERR_TYPE_MISMATCH, "condition of 'if'", "u1 or a 32-bit integer",
                   type_name(ct), "");
        c->had_error = true;
    }
    expr **operands = NULL;
    size_t count = 0, capacity = 0;
    operands = arena_grow(c->arena, operands, count, &capacity, sizeof *operands);
    operands[count++] = condition;
    itlc_type *then_types = NULL, *else_types = NULL;
    size_t then_count = 0, then_capacity = 0, else_count = 0, else_capacity = 0;
    check_branch(c, items[2], 1, expected, &operands, &count, &capacity, &then_types, &then_count, &then_capacity);
    size_t then_operands = count - 1;
    if (node->count == 4)
        check_branch(c, items[3], 1, expected, &operands, &count, &capacity, &else_types, &else_count,
                     &else_capacity);
    expr *e = check_new_expr(c, EXPR_IF, node->loc, TYPE_NONE);
    e->operands = operands;
    e->operand_count = count;
    e->bits = then_operands;
    e->statement = node->count == 4; /* has an else */
    itlc_type *types;
    size_t type_count;
    if (!check_join(c, then_types, then_count, else_types, else_count, &types, &type_count)) {
        if (node->count == 3)
            diag_error(c->diag, node->loc, ITLC_ERR_BAD_IF,
                       arena_printf(c->arena, "an 'if' without else must leave nothing; its then leaves %s",
                                    check_types_text(c, then_types, then_count)));
        else
            diag_error(c->diag, node->loc, ITLC_ERR_BRANCH_MISMATCH, check_types_text(c, then_types, then_count),
                       check_types_text(c, else_types, else_count));
        c->had_error = true;
        return e;
    }
    e->types = types;
    e->type_count = type_count;
    return e;
}

/* ---- constructed values: make-..., read-field, list-len, list-get, match ---- */

/* The cases of a variant, option (none, some), result (ok, err) or enum. */
static size_t check_case_count(const type_info *t)
{
    return t->ctor == CTOR_OPTION || t->ctor == CTOR_RESULT ? 2 : t->member_count;
}

static itlc_str check_case_label(const type_info *t, size_t i)
{
    static const char *const option[] = { "none", "some" }, *const result[] = { "ok", "err" };
    if (t->ctor == CTOR_OPTION)
        return (itlc_str){ option[i], 4 };
    if (t->ctor == CTOR_RESULT)
        return (itlc_str){ result[i], i ? 3 : 2 };
    return t->members[i].label;
}

/* Case i's payload type, TYPE_NONE if it has none. */
static itlc_type check_case_payload(const type_info *t, size_t i)
{
    if (t->ctor == CTOR_OPTION)
        return i == 1 ? t->members[0].type : TYPE_NONE;
    return t->ctor == CTOR_ENUM ? TYPE_NONE : t->members[i].type;
}

static bool check_has_cases(const type_info *t)
{
    return t->ctor == CTOR_VARIANT || t->ctor == CTOR_OPTION || t->ctor == CTOR_RESULT || t->ctor == CTOR_ENUM;
}

static itlc_str check_label_of(const type_info *t, size_t i)
{
    return check_has_cases(t) ? check_case_label(t, i) : t->members[i].label;
}

static size_t check_label_count(const type_info *t)
{
    return check_has_cases(t) ? check_case_count(t) : t->member_count;
}

static itlc_str check_type_key(checker *c, itlc_type type, itlc_str label)
{
    const char *text = arena_printf(c->arena, "%u", (unsigned)type);
    return map_pair_key(c->arena, (itlc_str){ text, strlen(text) }, label);
}

/* The index of the field, case or flag `label` of `type`, SIZE_MAX if it
 * has none: O(1), the type's labels entered in a map on first use. */
static size_t check_label(checker *c, itlc_type type, itlc_str label)
{
    const type_info *t = type_get(type);
    const char *text = arena_printf(c->arena, "%u", (unsigned)type);
    bool fresh;
    map_insert(&c->labelled, c->arena, text, strlen(text), 1, &fresh);
    for (size_t i = 0; fresh && i < check_label_count(t); i++) {
        itlc_str key = check_type_key(c, type, check_label_of(t, i));
        map_insert(&c->labels, c->arena, key.bytes, key.length, (uint32_t)i, NULL);
    }
    itlc_str key = check_type_key(c, type, label);
    uint32_t *index = map_find(&c->labels, key.bytes, key.length);
    return index ? *index : SIZE_MAX;
}

/* "a, b, c" (the first 12), for messages. */
static const char *check_label_list(checker *c, const type_info *t)
{
    bytes text = { 0 };
    size_t count = check_label_count(t);
    for (size_t i = 0; i < count && i < 12; i++) {
        itlc_str label = check_label_of(t, i);
        bytes_printf(c->arena, &text, "%s%.*s", i ? ", " : "", (int)label.length, label.bytes);
    }
    if (count > 12)
        bytes_printf(c->arena, &text, ", ... (%zu in all)", count);
    bytes_byte(c->arena, &text, 0);
    return (const char *)text.data;
}

/* The label operand `node` of `type` (a field, case or flag: `what`), reported if unknown. */
static size_t check_label_operand(checker *c, const sx *node, itlc_type type, const char *what)
{
    if (node->kind != SX_SYMBOL) {
        diag_error(c->diag, node->loc, ITLC_ERR_EXPECTED, arena_printf(c->arena, "a %s name", what),
                   sx_describe(c->arena, node));
        return SIZE_MAX;
    }
    size_t index = check_label(c, type, node->text);
    if (index == SIZE_MAX)
        diag_error(c->diag, node->loc, ITLC_ERR_UNKNOWN_LABEL, type_name(type), what, node->text.bytes,
                   check_label_list(c, type_get(type)));
    return index;
}

/* (make-record T e...), (make-tuple T e...), (make-list T e...),
 * (make-variant T CASE [e]), (make-flags T FLAG...). */
static expr *check_make(checker *c, const sx *node, expr_form form)
{
    const char *keyword = instr_keywords[form];
    if (node->count < 2) {
        diag_error(c->diag, node->loc, ITLC_ERR_EXPECTED, "a type", "the end of the list");
        return check_error_expr(c, node->loc);
    }
    itlc_type type = check_type_operand(c, node->items[1]);
    if (type == TYPE_NONE)
        return check_error_expr(c, node->loc);
    const type_info *t = type_get(type);
    const sx *const *items = (const sx *const *)node->items;
    size_t given = node->count - 2;
    const char *makes = form == EXPR_MAKE_RECORD ? "a record" : form == EXPR_MAKE_TUPLE ? "a tuple"
                        : form == EXPR_MAKE_LIST ? "a list" : form == EXPR_MAKE_FLAGS ? "a flags value"
                                                                                      : "a variant, option, result or enum";
    bool ok = form == EXPR_MAKE_RECORD ? t->ctor == CTOR_RECORD : form == EXPR_MAKE_TUPLE ? t->ctor == CTOR_TUPLE
              : form == EXPR_MAKE_LIST ? t->ctor == CTOR_LIST : form == EXPR_MAKE_FLAGS ? t->ctor == CTOR_FLAGS
                                                                                      : check_has_cases(t);
    if (!ok) {
        diag_error(c->diag, node->items[1]->loc, ITLC_ERR_MAKE_TYPE, keyword, makes, type_name(type));
        return check_error_expr(c, node->loc);
    }
    expr *e = check_new_expr(c, form, node->loc, type);
    e->type = type;
    switch (form) {
    case EXPR_MAKE_RECORD:
    case EXPR_MAKE_TUPLE: {
        if (t->member_count > ITLC_MAX_VALUES) { /* the members pass through cells: value_make takes 1000 */
            diag_error(c->diag, node->loc, ITLC_ERR_FORM,
                       arena_printf(c->arena, "'%s' takes at most %d values, and %s has %zu (lift it from a core "
                                    "module's memory instead)", keyword, ITLC_MAX_VALUES, type_name(type),
                                    t->member_count));
            return check_error_expr(c, node->loc);
        }
        if (given != t->member_count) {
            diag_error(c->diag, node->loc, ITLC_ERR_MAKE_COUNT, keyword, type_name(type), t->member_count,
                       form == EXPR_MAKE_RECORD ? "field value(s)" : "value(s)", given);
            return check_error_expr(c, node->loc);
        }
        expr **operands = check_operands(c, e, given);
        for (size_t i = 0; i < given; i++) {
            const char *what = form == EXPR_MAKE_RECORD
                                   ? arena_printf(c->arena, "field '%s' of 'make-record'", t->members[i].label.bytes)
                                   : arena_printf(c->arena, "value %zu of 'make-tuple'", i + 1);
            operands[i] = check_operand(c, items[2 + i], t->members[i].type, what);
        }
        return e;
    }
    case EXPR_MAKE_LIST: {
        if (given > ITLC_MAX_VALUES) {
            diag_error(c->diag, node->loc, ITLC_ERR_FORM,
                       arena_printf(c->arena, "'make-list' takes at most %d elements, found %zu (lift longer lists "
                                    "from a core module's memory)", ITLC_MAX_VALUES, given));
            return check_error_expr(c, node->loc);
        }
        expr **operands = check_operands(c, e, given);
        for (size_t i = 0; i < given; i++)
            operands[i] = check_operand(c, items[2 + i], t->members[0].type,
                                        arena_printf(c->arena, "element %zu of 'make-list'", i + 1));
        return e;
    }
    case EXPR_MAKE_FLAGS: {
        itlc_map seen = { 0 };
        for (size_t i = 0; i < given; i++) {
            size_t index = check_label_operand(c, items[2 + i], type, "flag");
            if (index == SIZE_MAX) {
                c->had_error = true;
                continue;
            }
            bool fresh;
            uint32_t *first = map_insert(&seen, c->arena, items[2 + i]->text.bytes, items[2 + i]->text.length,
                                         (uint32_t)(2 + i), &fresh);
            if (!fresh) {
                diag_error(c->diag, items[2 + i]->loc, ITLC_ERR_DUPLICATE_CASE, "flag", items[2 + i]->text.bytes,
                           keyword);
                diag_note(c->diag, items[*first]->loc, ITLC_ERR_PREVIOUS_DEFINITION);
                c->had_error = true;
            }
            e->bits |= UINT64_C(1) << index;
        }
        return e;
    }
    default: { /* EXPR_MAKE_VARIANT */
        if (given < 1) {
            diag_error(c->diag, node->loc, ITLC_ERR_EXPECTED, "a case name", "the end of the list");
            return check_error_expr(c, node->loc);
        }
        size_t index = check_label_operand(c, items[2], type, "case");
        if (index == SIZE_MAX)
            return check_error_expr(c, node->loc);
        itlc_type payload = check_case_payload(t, index);
        if ((payload != TYPE_NONE) != (given == 2) || given > 2) {
            const char *why = payload != TYPE_NONE
                                  ? arena_printf(c->arena, "takes one payload value of type %s, found %zu",
                                                 type_name(payload), given - 1)
                                  : arena_printf(c->arena, "has no payload, but %zu value(s) are given", given - 1);
            diag_error(c->diag, node->loc, ITLC_ERR_PAYLOAD, items[2]->text.bytes, type_name(type), why);
            return check_error_expr(c, node->loc);
        }
        e->member = (uint32_t)index;
        if (payload != TYPE_NONE)
            check_operands(c, e, 1)[0] = check_operand(c, items[3], payload, "payload of 'make-variant'");
        return e;
    }
    }
}

/* The value a form takes apart: one value of a constructed type for which
 * `accepts` holds (`takes` says which, for the message). NULL after reporting. */
static expr *check_taken_apart(checker *c, const sx *node, const char *keyword, bool (*accepts)(const type_info *),
                               const char *takes)
{
    expr *value = check_value(c, node, TYPE_NONE, arena_printf(c->arena, "operand of '%s'", keyword));
    itlc_type type = value->types[0];
    if (type == TYPE_ERROR)
        return NULL;
    if (type == TYPE_BOTTOM || !accepts(type_get(type))) {
        diag_error(c->diag, node->loc, ITLC_ERR_NOT_TAKEN_APART, keyword, takes,
                   type == TYPE_BOTTOM ? "unreachable" : type_name(type));
        c->had_error = true;
        return NULL;
    }
    return value;
}

static bool check_is_record(const type_info *t) { return t->ctor == CTOR_RECORD || t->ctor == CTOR_TUPLE; }
static bool check_is_list(const type_info *t) { return t->ctor == CTOR_LIST; }

/* (read-field FIELD e): a record's field by name, a tuple's by index. */
static expr *check_read_field(checker *c, const sx *node)
{
    const sx *field = node->items[1];
    expr *value = check_taken_apart(c, node->items[2], "read-field", check_is_record, "a record or tuple");
    if (!value)
        return check_error_expr(c, node->loc);
    itlc_type type = value->types[0];
    const type_info *t = type_get(type);
    size_t index;
    if (t->ctor == CTOR_TUPLE) {
        if (field->kind != SX_INTEGER) {
            diag_error(c->diag, field->loc, ITLC_ERR_EXPECTED, "a tuple index", sx_describe(c->arena, field));
            return check_error_expr(c, node->loc);
        }
        if (field->negative || field->magnitude >= t->member_count) {
            diag_error(c->diag, field->loc, ITLC_ERR_TUPLE_INDEX, field->text.bytes, type_name(type),
                       t->member_count);
            return check_error_expr(c, node->loc);
        }
        index = (size_t)field->magnitude;
    } else if ((index = check_label_operand(c, field, type, "field")) == SIZE_MAX) {
        return check_error_expr(c, node->loc);
    }
    expr *e = check_new_expr(c, EXPR_READ_FIELD, node->loc, t->members[index].type);
    e->type = type;
    e->member = (uint32_t)index;
    check_operands(c, e, 1)[0] = value;
    return e;
}

/* (list-len l), (list-get l i). */
static expr *check_list_access(checker *c, const sx *node, expr_form form)
{
    const char *keyword = instr_keywords[form];
    expr *value = check_taken_apart(c, node->items[1], keyword, check_is_list, "a list");
    expr *index = form == EXPR_LIST_GET ? check_operand(c, node->items[2], TYPE_I32, "index of 'list-get'") : NULL;
    if (!value)
        return check_error_expr(c, node->loc);
    itlc_type type = value->types[0];
    expr *e = check_new_expr(c, form, node->loc, form == EXPR_LIST_LEN ? TYPE_I32 : type_get(type)->members[0].type);
    e->type = type;
    expr **operands = check_operands(c, e, index ? 2 : 1);
    operands[0] = value;
    if (index)
        operands[1] = index;
    return e;
}

static bool check_is_clause(const sx *node, const char *keyword, size_t min_count)
{
    return node->kind == SX_LIST && node->count >= min_count && node->items[0]->kind == SX_SYMBOL &&
           str_equal_cstr(node->items[0]->text, keyword);
}

/* (match e (case LABEL e...) (case (LABEL $x) e...) ... (else e...)): e a
 * variant, option, result or enum; each case once, every case covered
 * (or an else last, which must then have something to match); $x binds
 * the payload for that case's expressions only; every case leaves the same
 * values (check_join), which the match leaves. */
static expr *check_match(checker *c, const sx *node, itlc_type expected)
{
    static const char shape[] = "(match VALUE (case LABEL e...) (case (LABEL $name) e...) ... (else e...))";
    if (node->count < 2) {
        diag_error(c->diag, node->loc, ITLC_ERR_EXPECTED, shape, sx_describe(c->arena, node));
        return check_error_expr(c, node->loc);
    }
    expr *value = check_taken_apart(c, node->items[1], "match", check_has_cases, "a variant, option, result or enum");
    if (!value)
        return check_error_expr(c, node->loc);
    itlc_type type = value->types[0];
    const type_info *t = type_get(type);
    expr *e = check_new_expr(c, EXPR_MATCH, node->loc, TYPE_NONE);
    e->type = type;
    size_t clause_count = node->count - 2;
    e->cases = arena_alloc(c->arena, (clause_count ? clause_count : 1) * sizeof *e->cases);
    expr **operands = NULL;
    size_t count = 0, capacity = 0;
    operands = arena_grow(c->arena, operands, count, &capacity, sizeof *operands);
    operands[count++] = value;
    itlc_map seen = { 0 }; /* label -> its clause's item index */
    itlc_type *joined = NULL;
    size_t joined_count = 0;
    const char *joined_what = NULL;
    bool has_else = false, broken = false;
    for (size_t k = 2; k < node->count; k++) {
        const sx *clause = node->items[k];
        match_case *mc = &e->cases[e->case_count];
        *mc = (match_case){ .index = UINT32_MAX, .binding = UINT32_MAX, .loc = clause->loc };
        const sx *binding = NULL;
        size_t first_item = 1;
        if (check_is_clause(clause, "else", 1)) {
            if (k != node->count - 1) {
                diag_error(c->diag, clause->loc, ITLC_ERR_FORM, "(else ...) must be the last clause of 'match'");
                broken = true;
            }
            has_else = true;
        } else if (check_is_clause(clause, "case", 2)) {
            const sx *pattern = clause->items[1], *label = pattern;
            first_item = 2;
            if (pattern->kind == SX_LIST) {
                if (pattern->count != 2 || !check_is_local_name(pattern->items[1])) {
                    diag_error(c->diag, pattern->loc, ITLC_ERR_EXPECTED, "a case pattern: LABEL or (LABEL $name)",
                               sx_describe(c->arena, pattern));
                    broken = true;
                    continue;
                }
                label = pattern->items[0];
                binding = pattern->items[1];
            }
            size_t index = check_label_operand(c, label, type, "case");
            if (index == SIZE_MAX) {
                broken = true;
                continue;
            }
            bool fresh;
            uint32_t *previous = map_insert(&seen, c->arena, label->text.bytes, label->text.length, (uint32_t)k,
                                            &fresh);
            if (!fresh) {
                diag_error(c->diag, label->loc, ITLC_ERR_DUPLICATE_CASE, "case", label->text.bytes, "match");
                diag_note(c->diag, node->items[*previous]->loc, ITLC_ERR_PREVIOUS_DEFINITION);
                broken = true;
            }
            mc->index = (uint32_t)index;
            mc->payload = check_case_payload(t, index);
            if (binding && mc->payload == TYPE_NONE) {
                diag_error(c->diag, binding->loc, ITLC_ERR_PAYLOAD, label->text.bytes, type_name(type),
                           arena_printf(c->arena, "has no payload to bind to %s", binding->text.bytes));
                broken = true;
                binding = NULL;
            }
        } else {
            diag_error(c->diag, clause->loc, ITLC_ERR_EXPECTED, "(case ...) or (else ...)",
                       sx_describe(c->arena, clause));
            broken = true;
            continue;
        }
        if (binding) { /* a local of the function, named for this case only */
            itlc_func *func = c->func;
            func->locals = arena_grow(c->arena, func->locals, func->local_count, &c->local_capacity,
                                      sizeof *func->locals);
            mc->binding = (uint32_t)func->local_count;
            func->locals[func->local_count++] = mc->payload;
            check_name_local(c, binding, mc->binding);
        }
        itlc_type *types = NULL;
        size_t type_count = 0, type_capacity = 0;
        mc->first = count;
        check_branch(c, clause, first_item, expected, &operands, &count, &capacity, &types, &type_count,
                     &type_capacity);
        mc->count = count - mc->first;
        if (binding) {
            uint32_t *slot = map_find(&c->locals, binding->text.bytes, binding->text.length);
            if (slot && *slot == mc->binding)
                *slot = LOCAL_UNBOUND;
        }
        e->case_count++;
        const char *what = mc->index == UINT32_MAX ? "else"
                           : arena_printf(c->arena, "case '%s'", check_case_label(t, mc->index).bytes);
        if (!joined_what) {
            joined = types;
            joined_count = type_count;
            joined_what = what;
        } else if (!broken && !check_join(c, joined, joined_count, types, type_count, &joined, &joined_count)) {
            diag_error(c->diag, clause->loc, ITLC_ERR_CASE_MISMATCH, joined_what,
                       check_types_text(c, joined, joined_count), what, check_types_text(c, types, type_count));
            broken = true;
        }
    }
    e->operands = operands;
    e->operand_count = count;
    if (broken) {
        c->had_error = true;
        return check_error_expr(c, node->loc);
    }
    size_t covered = e->case_count - has_else, cases = check_case_count(t);
    if (!has_else && covered < cases) {
        bytes missing = { 0 };
        size_t listed = 0;
        for (size_t i = 0; i < cases && listed < 12; i++) {
            itlc_str label = check_case_label(t, i);
            if (map_find(&seen, label.bytes, label.length))
                continue;
            bytes_printf(c->arena, &missing, "%s'%.*s'", listed++ ? ", " : "", (int)label.length, label.bytes);
        }
        if (cases - covered > listed)
            bytes_printf(c->arena, &missing, " and %zu more", cases - covered - listed);
        bytes_byte(c->arena, &missing, 0);
        diag_error(c->diag, node->loc, ITLC_ERR_MATCH_NOT_COVERED, type_name(type),
                   arena_printf(c->arena, "case%s %s", cases - covered == 1 ? "" : "s", (const char *)missing.data));
        return check_error_expr(c, node->loc);
    }
    if (has_else && covered == cases) {
        diag_error(c->diag, e->cases[e->case_count - 1].loc, ITLC_ERR_MATCH_ELSE_UNUSED, type_name(type));
        return check_error_expr(c, node->loc);
    }
    e->types = joined;
    e->type_count = joined_count;
    return e;
}

static expr *check_list(checker *c, const sx *node, itlc_type expected)
{
    if (node->count == 0 || node->items[0]->kind != SX_SYMBOL) {
        diag_error(c->diag, node->loc, ITLC_ERR_EXPECTED, "an instruction", sx_describe(c->arena, node));
        return check_error_expr(c, node->loc);
    }
    const sx *head = node->items[0];
    expr_form form = EXPR_LITERAL;
    for (size_t i = 0; i < EXPR_LITERAL; i++)
        if (str_equal_cstr(head->text, instr_keywords[i]))
            form = (expr_form)i;
    if (form == EXPR_LITERAL) {
        diag_error(c->diag, head->loc, ITLC_ERR_UNKNOWN_INSTRUCTION, head->text.bytes);
        return check_error_expr(c, node->loc);
    }
    size_t operand_count = node->count - 1;
    if (instr_operands[form] >= 0 && operand_count != (size_t)instr_operands[form]) {
        diag_error(c->diag, node->loc, ITLC_ERR_WRONG_OPERAND_COUNT, head->text.bytes, instr_operands[form],
                   operand_count);
        return check_error_expr(c, node->loc);
    }
    const sx *const *items = (const sx *const *)node->items;
    const char *keyword = head->text.bytes;
    expr *e;
    switch (form) {
    case EXPR_AS: {
        itlc_type target = check_type_operand(c, items[1]);
        if (target == TYPE_NONE)
            return check_error_expr(c, node->loc);
        e = check_new_expr(c, form, node->loc, target);
        e->type = target;
        /* a literal operand takes the target type: (as u8 300) is an error;
         * (as char 97) converts a u32, as the target is an i32 */
        itlc_type hint = check_is_label_or_char(target) ? TYPE_U32 : target;
        check_operands(c, e, 1)[0] = check_operand(c, items[2], items[2]->kind == SX_INTEGER ? hint : TYPE_NONE,
                                                   "operand of 'as'");
        e->from = e->operands[0]->types[0];
        if (!check_conversion_allowed(e->from, target)) {
            diag_error(c->diag, node->loc, ITLC_ERR_BAD_CONVERSION, type_name(e->from), type_name(target));
            c->had_error = true;
        }
        return e;
    }
    case EXPR_LOCAL: {
        if (check_is_local_name(items[1]))
            return check_named_local(c, items[1]);
        if (items[1]->kind != SX_INTEGER) {
            diag_error(c->diag, items[1]->loc, ITLC_ERR_EXPECTED, "a local index", sx_describe(c->arena, items[1]));
            return check_error_expr(c, node->loc);
        }
        if (items[1]->negative || items[1]->magnitude >= c->func->local_count) {
            diag_error(c->diag, items[1]->loc, ITLC_ERR_BAD_LOCAL, items[1]->text.bytes, c->func->local_count);
            return check_error_expr(c, node->loc);
        }
        e = check_new_expr(c, form, node->loc, c->func->locals[items[1]->magnitude]);
        e->local_index = (uint32_t)items[1]->magnitude;
        return e;
    }
    case EXPR_CALL:
        return check_call(c, node);
    case EXPR_IF:
        return check_if(c, node, expected);
    case EXPR_LET: {
        bool named = operand_count == 2 && check_is_local_name(items[1]);
        if (operand_count != 1 && !named) {
            diag_error(c->diag, node->loc, ITLC_ERR_EXPECTED, "(let e) or (let $name e)", sx_describe(c->arena, node));
            return check_error_expr(c, node->loc);
        }
        e = check_new_expr(c, form, node->loc, TYPE_NONE);
        check_operands(c, e, 1)[0] = check_operand(c, items[named ? 2 : 1], TYPE_NONE, "operand of 'let'");
        itlc_type type = e->operands[0]->types[0];
        if (type == TYPE_BOTTOM)
            type = TYPE_S32;
        itlc_func *func = c->func;
        func->locals = arena_grow(c->arena, func->locals, func->local_count, &c->local_capacity,
                                  sizeof *func->locals);
        e->local_index = (uint32_t)func->local_count;
        func->locals[func->local_count++] = type;
        if (named)
            check_name_local(c, items[1], e->local_index);
        return e;
    }
    case EXPR_MEM_TO_STRING:
    case EXPR_STRING_TO_MEM:
    case EXPR_LOAD:
    case EXPR_STORE: {
        itlc_type type = TYPE_NONE;
        size_t first = 1; /* index of MOD */
        if (form == EXPR_LOAD || form == EXPR_STORE) {
            first = 2;
            type = check_type_operand(c, items[1]);
            if (type == TYPE_NONE)
                return check_error_expr(c, node->loc);
            if (!type_get(type)->is_memory) {
                diag_error(c->diag, items[1]->loc, ITLC_ERR_BAD_MEMORY_TYPE, keyword, type_name(type));
                return check_error_expr(c, node->loc);
            }
        }
        itlc_type result = form == EXPR_MEM_TO_STRING ? TYPE_STRING : form == EXPR_LOAD ? type : TYPE_NONE;
        e = check_new_expr(c, form, node->loc, result);
        e->type = type;
        if (!check_memory_operands(c, items[first], items[first + 1], e))
            return check_error_expr(c, node->loc);
        expr **operands = check_operands(c, e, operand_count - first - 1);
        const char *what0 = arena_printf(c->arena, "%s of '%s'", form == EXPR_STRING_TO_MEM ? "string" : "pointer",
                                         keyword);
        const char *what1 = arena_printf(c->arena, "%s of '%s'",
                                         form == EXPR_MEM_TO_STRING ? "length"
                                         : form == EXPR_STRING_TO_MEM ? "pointer"
                                                                      : "value",
                                         keyword);
        itlc_type type0 = form == EXPR_STRING_TO_MEM ? TYPE_STRING : TYPE_I32;
        itlc_type type1 = form == EXPR_STORE ? type : TYPE_I32;
        operands[0] = check_operand(c, items[first + 2], type0, what0);
        if (e->operand_count > 1)
            operands[1] = check_operand(c, items[first + 3], type1, what1);
        return e;
    }
    case EXPR_STRING_LEN:
        e = check_new_expr(c, form, node->loc, TYPE_I32);
        check_operands(c, e, 1)[0] = check_operand(c, items[1], TYPE_STRING, "operand of 'string-len'");
        return e;
    case EXPR_ADD:
    case EXPR_SUB:
    case EXPR_MUL:
    case EXPR_DIV:
        return check_arithmetic(c, node, form, expected);
    case EXPR_SIZE_OF:
    case EXPR_ALIGN_OF: {
        itlc_type type = check_type_operand(c, items[1]);
        if (type == TYPE_NONE)
            return check_error_expr(c, node->loc);
        e = check_new_expr(c, form, node->loc, TYPE_I32);
        e->type = type;
        if (type >= TYPE_DEFINED)
            e->bits = form == EXPR_SIZE_OF ? type_get(type)->size : type_get(type)->align;
        else {
            /* a primitive: its size in memory, as in a record */
            type_member one = { { "x", 1 }, type };
            itlc_type record = type_intern(CTOR_RECORD, &one, 1);
            e->bits = form == EXPR_SIZE_OF ? type_get(record)->size : type_get(record)->align;
        }
        return e;
    }
    case EXPR_LIFT:
    case EXPR_LOWER:
    case EXPR_LIFT_FLAT:
    case EXPR_LOWER_FLAT: {
        if (operand_count < 3) {
            diag_error(c->diag, node->loc, ITLC_ERR_WRONG_OPERAND_COUNT, keyword, 3, operand_count);
            return check_error_expr(c, node->loc);
        }
        itlc_type type = check_type_operand(c, items[1]);
        if (type == TYPE_NONE)
            return check_error_expr(c, node->loc);
        bool flat = form == EXPR_LIFT_FLAT || form == EXPR_LOWER_FLAT;
        if (!type_is_ref(type)) {
            diag_error(c->diag, items[1]->loc, ITLC_ERR_NOT_LIFTABLE, keyword, type_name(type));
            return check_error_expr(c, node->loc);
        }
        wasm_valtype flats[ITLC_MAX_VALUES];
        size_t flat_count = flat ? type_flatten(type, flats, ITLC_MAX_VALUES) : 0;
        if (flat_count > ITLC_MAX_VALUES) {
            diag_error(c->diag, items[1]->loc, ITLC_ERR_TOO_MANY_FLAT, type_name(type), "more than 1000", keyword,
                       ITLC_MAX_VALUES);
            return check_error_expr(c, node->loc);
        }
        e = check_new_expr(c, form, node->loc,
                           form == EXPR_LIFT || form == EXPR_LIFT_FLAT ? type : TYPE_NONE);
        e->type = type;
        if (!check_memory_operands(c, items[2], items[3], e))
            return check_error_expr(c, node->loc);
        if ((form == EXPR_LOWER || form == EXPR_LOWER_FLAT) && type_allocates(type) && !e->module->realloc) {
            if (!e->module->realloc_name.bytes)
                diag_error(c->diag, node->loc, ITLC_ERR_NO_REALLOC, keyword, type_name(type), e->module->name.bytes,
                           e->module->name.bytes);
            return check_error_expr(c, node->loc);
        }
        if (form == EXPR_LOWER_FLAT) {
            e->types = arena_alloc(c->arena, (flat_count ? flat_count : 1) * sizeof *e->types);
            e->type_count = flat_count;
            for (size_t i = 0; i < flat_count; i++)
                e->types[i] = flats[i] == VAL_I32 ? TYPE_I32 : flats[i] == VAL_I64 ? TYPE_I64
                              : flats[i] == VAL_F32 ? TYPE_F32 : TYPE_F64;
            check_operands(c, e, 1)[0] = check_operand(c, items[4], type, "value of 'lower-flat'");
            return e;
        }
        if (form == EXPR_LIFT_FLAT) {
            size_t given = operand_count - 3;
            if (given != flat_count) {
                bytes list = { 0 };
                for (size_t i = 0; i < flat_count; i++)
                    bytes_printf(c->arena, &list, "%s%s", i ? " " : "",
                                 flats[i] == VAL_I32 ? "i32" : flats[i] == VAL_I64 ? "i64"
                                 : flats[i] == VAL_F32 ? "f32" : "f64");
                bytes_byte(c->arena, &list, 0);
                diag_error(c->diag, node->loc, ITLC_ERR_FLAT_COUNT, type_name(type), flat_count,
                           (const char *)list.data, given);
                return check_error_expr(c, node->loc);
            }
            expr **operands = check_operands(c, e, given);
            for (size_t i = 0; i < given; i++) {
                itlc_type want = flats[i] == VAL_I32 ? TYPE_I32 : flats[i] == VAL_I64 ? TYPE_I64
                                 : flats[i] == VAL_F32 ? TYPE_F32 : TYPE_F64;
                operands[i] = check_operand(c, items[4 + i], want,
                                            arena_printf(c->arena, "core value %zu of 'lift-flat'", i + 1));
            }
            return e;
        }
        if (operand_count != (size_t)instr_operands[form]) {
            diag_error(c->diag, node->loc, ITLC_ERR_WRONG_OPERAND_COUNT, keyword, instr_operands[form], operand_count);
            return check_error_expr(c, node->loc);
        }
        expr **operands = check_operands(c, e, form == EXPR_LOWER ? 2 : 1);
        operands[0] = check_operand(c, items[4], TYPE_I32, arena_printf(c->arena, "pointer of '%s'", keyword));
        if (form == EXPR_LOWER)
            operands[1] = check_operand(c, items[5], type, "value of 'lower'");
        return e;
    }
    case EXPR_MAKE_RECORD:
    case EXPR_MAKE_TUPLE:
    case EXPR_MAKE_LIST:
    case EXPR_MAKE_VARIANT:
    case EXPR_MAKE_FLAGS:
        return check_make(c, node, form);
    case EXPR_READ_FIELD:
        return check_read_field(c, node);
    case EXPR_LIST_LEN:
    case EXPR_LIST_GET:
        return check_list_access(c, node, form);
    case EXPR_MATCH:
        return check_match(c, node, expected);
    case EXPR_EQ:
    case EXPR_NE:
    case EXPR_LT:
    case EXPR_LE:
    case EXPR_GT:
    case EXPR_GE:
        return check_compare(c, node, form);
    case EXPR_UNREACHABLE:
        return check_new_expr(c, form, node->loc, TYPE_BOTTOM);
    case EXPR_LITERAL:
    case EXPR_TEXT:
        break;
    }
    return check_error_expr(c, node->loc);
}

static expr *check_expr(checker *c, const sx *node, itlc_type expected)
{
    switch (node->kind) {
    case SX_INTEGER:
        return check_literal(c, node, expected);
    case SX_LIST:
        return check_list(c, node, expected);
    case SX_SYMBOL:
        if (check_is_unreachable(node))
            return check_new_expr(c, EXPR_UNREACHABLE, node->loc, TYPE_BOTTOM);
        if (check_is_local_name(node))
            return check_named_local(c, node);
        diag_error(c->diag, node->loc, ITLC_ERR_UNKNOWN_INSTRUCTION, node->text.bytes);
        return check_error_expr(c, node->loc);
    case SX_STRING: {
        /* a string literal: a new string of these bytes (names are UTF-8 without NUL, and so are these) */
        if (!parse_name_ok(c->diag, node, "a string literal"))
            return check_error_expr(c, node->loc);
        expr *e = check_new_expr(c, EXPR_TEXT, node->loc, TYPE_STRING);
        e->text = node->text;
        return e;
    }
    }
    diag_error(c->diag, node->loc, ITLC_ERR_EXPECTED, "an instruction", sx_describe(c->arena, node));
    return check_error_expr(c, node->loc);
}

/* A body: its expressions run in order and the values they leave, in order,
 * must be the results. After a statement-level `unreachable` the earlier
 * values are gone and the later ones must match the last results (as in wasm). */
static void check_body(checker *c, itlc_func *func)
{
    c->func = func;
    c->had_error = false;
    c->local_capacity = func->sig.param_count;
    func->local_count = func->sig.param_count;
    func->locals = arena_alloc(c->arena, (func->local_count + 1) * sizeof *func->locals);
    if (func->sig.param_count)
        memcpy(func->locals, func->sig.params, func->sig.param_count * sizeof *func->locals);
    c->locals = (itlc_map){ 0 };
    c->local_locs = NULL;
    c->local_loc_capacity = 0;
    for (size_t i = 0; i < func->param_name_count; i++)
        if (func->param_names[i].bytes) {
            sx name = { .kind = SX_SYMBOL, .loc = func->param_name_locs[i], .text = func->param_names[i] };
            check_name_local(c, &name, (uint32_t)i);
        }
    func->exprs = arena_alloc(c->arena, (func->body_count + 1) * sizeof *func->exprs);
    func->expr_count = func->body_count;
    itlc_type *values = NULL;
    expr **value_exprs = NULL; /* the body item that left each value */
    size_t value_count = 0, value_capacity = 0, expr_capacity = 0;
    bool polymorphic = false;
    for (size_t i = 0; i < func->body_count; i++) {
        const sx *node = func->body[i];
        if (check_is_unreachable(node)) {
            expr *e = check_new_expr(c, EXPR_UNREACHABLE, node->loc, TYPE_NONE);
            e->statement = true;
            func->exprs[i] = e;
            polymorphic = true;
            value_count = 0;
            continue;
        }
        itlc_type expected = !polymorphic && value_count < func->sig.result_count ? func->sig.results[value_count]
                                                                                  : TYPE_NONE;
        expr *e = check_expr(c, node, expected);
        func->exprs[i] = e;
        for (size_t k = 0; k < e->type_count; k++) {
            values = arena_grow(c->arena, values, value_count, &value_capacity, sizeof *values);
            value_exprs = arena_grow(c->arena, value_exprs, value_count, &expr_capacity, sizeof *value_exprs);
            value_exprs[value_count] = e;
            values[value_count++] = e->types[k];
        }
    }
    if (c->had_error)
        return;
    size_t result_count = func->sig.result_count;
    if (value_count > result_count || (!polymorphic && value_count != result_count)) {
        itlc_loc where = value_count > result_count ? value_exprs[result_count]->loc : func->loc;
        diag_error(c->diag, where, ITLC_ERR_RESULT_COUNT, check_func_display(c, func), result_count, value_count);
        return;
    }
    size_t skipped = result_count - value_count; /* supplied by `unreachable` */
    for (size_t k = 0; k < value_count; k++) {
        itlc_type wanted = func->sig.results[skipped + k];
        if (!check_type_matches(wanted, values[k])) {
            /* `as` takes one value: no hint of it for a call that leaves several */
            const char *hint = value_exprs[k]->type_count == 1 ? check_as_hint(c, wanted, values[k])
                             : arena_printf(c->arena, "; (as ...) converts one value and this call leaves %zu: "
                                            "declare those results with the core types, or have the core "
                                            "function return one value", value_exprs[k]->type_count);
            diag_error(c->diag, value_exprs[k]->loc, ITLC_ERR_RESULT_TYPE, skipped + k, check_func_display(c, func),
                       type_name(wanted), type_name(values[k]), hint);
            return;
        }
    }
}

/* ---- names ---------------------------------------------------------------- */

static void check_duplicate(checker *c, itlc_loc loc, itlc_loc previous, itlc_error code, const char *a,
                            const char *b)
{
    diag_error(c->diag, loc, code, a, b);
    diag_note(c->diag, previous, ITLC_ERR_PREVIOUS_DEFINITION);
}

/* One namespace for functions, one for modules; export names, component
 * imports and each module's adapted imports must each be unique. Fills
 * the checker's maps of function and module names (first definitions). */
static void check_names(checker *c)
{
    itlc_program *program = c->program;
    for (size_t i = 0; i < program->module_count; i++) {
        const itlc_module *module = program->modules[i];
        bool inserted;
        uint32_t *first = map_insert(&c->modules, c->arena, module->name.bytes, module->name.length, (uint32_t)i,
                                     &inserted);
        if (!inserted)
            check_duplicate(c, module->loc, program->modules[*first]->loc, ITLC_ERR_DUPLICATE_MODULE,
                            module->name.bytes, "");
    }
    itlc_map exports = { 0 }, imports = { 0 };
    for (size_t i = 0; i < program->func_count; i++) {
        itlc_func *func = program->funcs[i];
        if (func->kind == FUNC_EXPORT && func->field.length >= 4 && memcmp(func->field.bytes, "_it_", 4) == 0)
            diag_error(c->diag, func->field_loc, ITLC_ERR_RESERVED_NAME, func->field.bytes);
        if (func->kind == FUNC_IMPORT && str_equal_cstr(func->import_module, "_it_runtime"))
            diag_error(c->diag, func->loc, ITLC_ERR_RESERVED_IMPORT, func->import_module.bytes);
        bool inserted;
        uint32_t *first;
        if (func->name.bytes) {
            first = map_insert(&c->funcs, c->arena, func->name.bytes, func->name.length, (uint32_t)i, &inserted);
            if (!inserted) {
                check_duplicate(c, func->name_loc, program->funcs[*first]->name_loc, ITLC_ERR_DUPLICATE_NAME,
                                func->name.bytes, "");
                continue;
            }
        }
        if (func->kind == FUNC_EXPORT) {
            first = map_insert(&exports, c->arena, func->field.bytes, func->field.length, (uint32_t)i, &inserted);
            if (!inserted)
                check_duplicate(c, func->field_loc, program->funcs[*first]->field_loc, ITLC_ERR_DUPLICATE_EXPORT,
                                func->field.bytes, "");
        } else if (func->kind == FUNC_IMPORT || func->kind == FUNC_SHIM) {
            /* A shim's namespace is its module's: the module index leads the key. */
            itlc_str scope = { "", 0 };
            if (func->kind == FUNC_SHIM) {
                const char *text = arena_printf(c->arena, "%zu", func->module->index);
                scope = (itlc_str){ text, strlen(text) };
            }
            itlc_str key = map_pair_key(c->arena, scope, map_pair_key(c->arena, func->import_module, func->field));
            first = map_insert(&imports, c->arena, key.bytes, key.length, (uint32_t)i, &inserted);
            if (!inserted)
                check_duplicate(c, func->field_loc, program->funcs[*first]->field_loc, ITLC_ERR_DUPLICATE_IMPORT,
                                func->import_module.bytes, func->field.bytes);
        }
    }
}

/* (realloc NAME) of each module: one of its core exports, with the
 * canonical ABI's realloc signature. */
static void check_reallocs(checker *c)
{
    for (size_t i = 0; i < c->program->module_count; i++) {
        itlc_module *module = c->program->modules[i];
        if (!module->realloc_name.bytes)
            continue;
        itlc_func *func = check_find_func(c, module->realloc_name);
        const char *why = NULL;
        if (!func)
            why = arena_printf(c->arena, "there is no function '%s'", module->realloc_name.bytes);
        else if (func->kind != FUNC_CORE || func->module != module)
            why = arena_printf(c->arena, "'%s' is not a core export of this module", module->realloc_name.bytes);
        else if (!func->broken) {
            bool ok = func->sig.param_count == 4 && func->sig.result_count == 1 && func->sig.results[0] == TYPE_I32;
            for (size_t k = 0; ok && k < 4; k++)
                ok = func->sig.params[k] == TYPE_I32;
            if (!ok)
                why = arena_printf(c->arena, "'%s' is declared with another signature", module->realloc_name.bytes);
        }
        if (why)
            diag_error(c->diag, module->realloc_loc, ITLC_ERR_BAD_REALLOC, module->name.bytes, why);
        else
            module->realloc = func;
    }
}

itlc_error check_program(itlc_program *program, itlc_diag *diag, arena *a)
{
    checker c = { .program = program, .diag = diag, .arena = a };
    int errors_before = diag->error_count;
    check_names(&c);
    check_reallocs(&c);
    for (size_t i = 0; i < program->func_count; i++) {
        itlc_func *func = program->funcs[i];
        if (!func->broken && (func->kind == FUNC_SHIM || func->kind == FUNC_HELPER || func->kind == FUNC_EXPORT))
            check_body(&c, func);
    }
    return diag->error_count > errors_before ? ITLC_ERR_TYPE_MISMATCH : ITLC_OK;
}
