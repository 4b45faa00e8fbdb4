/* parse.c: tokens to S-expressions, then top-level forms to declarations
 * (modules, component imports and exports, helpers), without type checking. */
#include <string.h>

#include "itlc.h"

enum { PARSE_MAX_DEPTH = 200 };

typedef struct parser {
    lexer *lx;
    itlc_diag *diag;
    arena *arena;
    itlc_program *program;
    size_t module_capacity, func_capacity;
} parser;

/* ---- S-expressions ------------------------------------------------------ */

static sx *parse_atom(parser *p, const token *t)
{
    sx *node = arena_alloc(p->arena, sizeof *node);
    node->kind = t->kind == TOKEN_SYMBOL ? SX_SYMBOL : t->kind == TOKEN_STRING ? SX_STRING : SX_INTEGER;
    node->loc = t->loc;
    node->text = t->text;
    node->negative = t->negative;
    node->magnitude = t->magnitude;
    return node;
}

/* Reads the rest of a list whose '(' was token `open`. Unbalanced
 * parentheses and lexical fatal errors end the whole parse. */
static itlc_error parse_list(parser *p, const token *open, int depth, sx **out)
{
    sx *list = arena_alloc(p->arena, sizeof *list);
    list->kind = SX_LIST;
    list->loc = open->loc;
    list->text = open->text;
    size_t capacity = 0;
    if (depth > PARSE_MAX_DEPTH)
        return diag_error(p->diag, open->loc, ITLC_ERR_TOO_DEEP, PARSE_MAX_DEPTH);
    for (;;) {
        token t;
        itlc_error status = lex_next(p->lx, &t);
        if (status)
            return status;
        sx *item;
        if (t.kind == TOKEN_CLOSE)
            break;
        if (t.kind == TOKEN_EOF)
            return diag_error(p->diag, open->loc, ITLC_ERR_UNCLOSED_PAREN);
        if (t.kind == TOKEN_OPEN) {
            status = parse_list(p, &t, depth + 1, &item);
            if (status)
                return status;
        } else {
            item = parse_atom(p, &t);
        }
        list->items = arena_grow(p->arena, list->items, list->count, &capacity, sizeof *list->items);
        list->items[list->count++] = item;
    }
    *out = list;
    return ITLC_OK;
}

const char *sx_describe(arena *a, const sx *node)
{
    switch (node->kind) {
    case SX_SYMBOL: return arena_printf(a, "'%s'", node->text.bytes);
    case SX_STRING: return arena_printf(a, "string \"%s\"", node->text.bytes);
    case SX_INTEGER: return arena_printf(a, "integer %s", node->text.bytes);
    case SX_LIST: break;
    }
    if (node->count > 0 && node->items[0]->kind == SX_SYMBOL)
        return arena_printf(a, "'(%s ...)'", node->items[0]->text.bytes);
    return node->count ? "a list" : "'()'";
}

/* ---- declarations -------------------------------------------------------- */

typedef enum decl_id {
#define X(id, keyword, semantics) DECL_##id,
    ITLC_DECLS(X)
#undef X
    DECL_UNKNOWN,
} decl_id;

static const char *const decl_keywords[] = {
#define X(id, keyword, semantics) keyword,
    ITLC_DECLS(X)
#undef X
};

static decl_id parse_decl_id(const sx *node)
{
    if (node->kind != SX_LIST || node->count == 0 || node->items[0]->kind != SX_SYMBOL)
        return DECL_UNKNOWN;
    for (size_t i = 0; i < DECL_UNKNOWN; i++)
        if (str_equal_cstr(node->items[0]->text, decl_keywords[i]))
            return (decl_id)i;
    return DECL_UNKNOWN;
}

static bool parse_is_list_of(const sx *node, const char *keyword)
{
    return node->kind == SX_LIST && node->count > 0 && node->items[0]->kind == SX_SYMBOL &&
           str_equal_cstr(node->items[0]->text, keyword);
}

/* Reports "expected WHAT, found ..." at `node`, or at the end of `parent`. */
bool parse_name_ok(itlc_diag *diag, const sx *string, const char *what)
{
    if (!memchr(string->text.bytes, '\0', string->text.length))
        return true;
    diag_error(diag, string->loc, ITLC_ERR_NUL_IN_NAME, what);
    return false;
}

static itlc_error parse_expected(parser *p, const sx *parent, size_t index, const char *what)
{
    if (index < parent->count)
        return diag_error(p->diag, parent->items[index]->loc, ITLC_ERR_EXPECTED, what,
                          sx_describe(p->arena, parent->items[index]));
    return diag_error(p->diag, parent->loc, ITLC_ERR_EXPECTED, what, "the end of the list");
}

/* Appends the types of one (param ...) or (result ...) group; core
 * signatures accept only i32 i64 f32 f64. */
static itlc_error parse_types(parser *p, const sx *group, bool core, itlc_type **types, size_t *count)
{
    size_t capacity = *count;
    itlc_error status = ITLC_OK;
    for (size_t i = 1; i < group->count; i++) {
        const sx *item = group->items[i];
        itlc_type type = type_from_sx(p->diag, item);
        if (type == TYPE_NONE) {
            status = ITLC_ERR_UNKNOWN_TYPE;
            continue;
        }
        if (core && !type_get(type)->is_core) {
            status = diag_error(p->diag, item->loc, ITLC_ERR_NOT_CORE_TYPE, type_name(type));
            continue;
        }
        *types = arena_grow(p->arena, *types, *count, &capacity, sizeof **types);
        (*types)[(*count)++] = type;
    }
    return status;
}

static void parse_add_func(parser *p, itlc_func *func)
{
    itlc_program *program = p->program;
    program->funcs = arena_grow(p->arena, program->funcs, program->func_count, &p->func_capacity,
                                sizeof *program->funcs);
    program->funcs[program->func_count++] = func;
}

static const char *parse_kind_name(func_kind kind)
{
    switch (kind) {
    case FUNC_CORE: return "core export";
    case FUNC_SHIM: return "core import adapter";
    case FUNC_IMPORT: return "component import";
    case FUNC_HELPER: return "helper";
    case FUNC_EXPORT: return "export";
    }
    return "function";
}

/* (func NAME "field" (param T...)... (result T...)... BODY...)
 * The field is optional only for helpers, where it must be "". */
static itlc_error parse_func(parser *p, const sx *node, func_kind kind, itlc_str import_module,
                             itlc_module *module)
{
    if (!parse_is_list_of(node, "func"))
        return diag_error(p->diag, node->loc, ITLC_ERR_EXPECTED, "(func ...)", sx_describe(p->arena, node));
    itlc_func *func = arena_alloc(p->arena, sizeof *func);
    func->kind = kind;
    func->loc = node->loc;
    func->import_module = import_module;
    func->module = module;
    size_t i = 1;
    if (i >= node->count || node->items[i]->kind != SX_SYMBOL)
        return parse_expected(p, node, i, "a function name (or _)");
    func->name_loc = node->items[i]->loc;
    if (!str_equal_cstr(node->items[i]->text, "_"))
        func->name = node->items[i]->text;
    i++;
    if (i < node->count && node->items[i]->kind == SX_STRING) {
        func->field = node->items[i]->text;
        func->field_loc = node->items[i]->loc;
        if (!parse_name_ok(p->diag, node->items[i], "the function's name"))
            return ITLC_ERR_NUL_IN_NAME;
        i++;
    } else if (kind != FUNC_HELPER) {
        return parse_expected(p, node, i, "a name string");
    } else {
        func->field.bytes = "";
        func->field_loc = func->name_loc;
    }
    if (kind == FUNC_HELPER && func->field.length != 0)
        return diag_error(p->diag, func->field_loc, ITLC_ERR_HELPER_EXPORT_NAME, func->field.bytes);
    bool core = kind == FUNC_CORE || kind == FUNC_SHIM;
    itlc_error status = ITLC_OK;
    size_t names_length = 0; /* entries of func->param_names */
    for (; i < node->count; i++) {
        const sx *item = node->items[i];
        if (parse_is_list_of(item, "param")) {
            if (func->sig.result_count) {
                status = diag_error(p->diag, item->loc, ITLC_ERR_UNEXPECTED_ITEM, "(param ...) after (result ...)",
                                    "a function signature");
                continue;
            }
            /* (param $NAME TYPE): one named parameter */
            bool named = item->count >= 2 && item->items[1]->kind == SX_SYMBOL && item->items[1]->text.length &&
                         item->items[1]->text.bytes[0] == '$';
            if (named && item->count != 3) {
                status = diag_error(p->diag, item->loc, ITLC_ERR_EXPECTED, "(param $NAME TYPE)",
                                    sx_describe(p->arena, item));
                continue;
            }
            size_t before = func->sig.param_count;
            sx group = *item;
            if (named) {
                group.items = item->items + 1; /* items[1] of group: the type */
                group.count = 2;
            }
            itlc_error s = parse_types(p, &group, core, &func->sig.params, &func->sig.param_count);
            status = status ? status : s;
            if (named && func->sig.param_count == before + 1) {
                /* one entry per parameter so far (unnamed ones: bytes NULL) */
                itlc_str *names = arena_alloc(p->arena, func->sig.param_count * sizeof *names);
                itlc_loc *locs = arena_alloc(p->arena, func->sig.param_count * sizeof *locs);
                if (names_length) {
                    memcpy(names, func->param_names, names_length * sizeof *names);
                    memcpy(locs, func->param_name_locs, names_length * sizeof *locs);
                }
                names_length = func->param_name_count = func->sig.param_count;
                func->param_names = names;
                func->param_name_locs = locs;
                names[before] = item->items[1]->text;
                locs[before] = item->items[1]->loc;
            }
        } else if (parse_is_list_of(item, "result")) {
            itlc_error s = parse_types(p, item, core, &func->sig.results, &func->sig.result_count);
            status = status ? status : s;
        } else {
            break;
        }
    }
    /* Each IT value lowers to one core value (docs/abi.md). */
    if (func->sig.param_count > ITLC_MAX_VALUES || func->sig.result_count > ITLC_MAX_VALUES) {
        bool params = func->sig.param_count > ITLC_MAX_VALUES;
        status = diag_error(p->diag, func->loc, ITLC_ERR_TOO_MANY_VALUES, "this function",
                            params ? func->sig.param_count : func->sig.result_count,
                            params ? "parameters" : "results", ITLC_MAX_VALUES);
    }
    func->body = node->items + i;
    func->body_count = node->count - i;
    if (func->body_count && (kind == FUNC_CORE || kind == FUNC_IMPORT))
        return diag_error(p->diag, func->body[0]->loc, ITLC_ERR_BODY_NOT_ALLOWED, parse_kind_name(kind),
                          kind == FUNC_CORE ? "by the core module" : "by whoever provides the import");
    func->broken = status != ITLC_OK;
    parse_add_func(p, func); /* even when broken, so that calls to it resolve */
    return status;
}

/* (import "ns" (func ...)...), in a module (core import adapters) or at the
 * top level (component imports). */
static itlc_error parse_import(parser *p, const sx *node, func_kind kind, itlc_module *module)
{
    if (node->count < 2 || node->items[1]->kind != SX_STRING)
        return parse_expected(p, node, 1, "an import namespace string");
    if (!parse_name_ok(p->diag, node->items[1], "the import namespace"))
        return ITLC_ERR_NUL_IN_NAME;
    itlc_error status = ITLC_OK;
    for (size_t i = 2; i < node->count; i++) {
        itlc_error s = parse_func(p, node->items[i], kind, node->items[1]->text, module);
        status = status ? status : s;
    }
    return status;
}

static itlc_error parse_module(parser *p, const sx *node)
{
    if (node->count < 2 || node->items[1]->kind != SX_SYMBOL)
        return parse_expected(p, node, 1, "a module name");
    if (node->count < 3 || node->items[2]->kind != SX_STRING)
        return parse_expected(p, node, 2, "the core module's path string");
    if (!parse_name_ok(p->diag, node->items[2], "the core module's path"))
        return ITLC_ERR_NUL_IN_NAME;
    itlc_program *program = p->program;
    itlc_module *module = arena_alloc(p->arena, sizeof *module);
    module->name = node->items[1]->text;
    module->loc = node->items[1]->loc;
    module->path = node->items[2]->text;
    module->index = program->module_count;
    program->modules = arena_grow(p->arena, program->modules, program->module_count, &p->module_capacity,
                                  sizeof *program->modules);
    program->modules[program->module_count++] = module;
    itlc_error status = ITLC_OK, s;
    for (size_t i = 3; i < node->count; i++) {
        const sx *item = node->items[i];
        if (parse_is_list_of(item, "realloc")) {
            if (item->count != 2 || item->items[1]->kind != SX_SYMBOL)
                s = diag_error(p->diag, item->loc, ITLC_ERR_EXPECTED, "(realloc NAME)", sx_describe(p->arena, item));
            else if (module->realloc_name.bytes)
                s = diag_error(p->diag, item->loc, ITLC_ERR_UNEXPECTED_ITEM, "second (realloc ...)", "a module");
            else {
                module->realloc_name = item->items[1]->text;
                module->realloc_loc = item->items[1]->loc;
                s = ITLC_OK;
            }
        } else if (parse_is_list_of(item, "func"))
            s = parse_func(p, item, FUNC_CORE, (itlc_str){ NULL, 0 }, module);
        else if (parse_is_list_of(item, "import"))
            s = parse_import(p, item, FUNC_SHIM, module);
        else
            s = diag_error(p->diag, item->loc, ITLC_ERR_UNEXPECTED_ITEM, sx_describe(p->arena, item),
                           "a module (expected (func ...), (import ...) or (realloc NAME))");
        status = status ? status : s;
    }
    return status;
}

static itlc_error parse_decl(parser *p, const sx *node)
{
    itlc_error status = ITLC_OK, s;
    switch (parse_decl_id(node)) {
    case DECL_MODULE:
        return parse_module(p, node);
    case DECL_IMPORT:
        return parse_import(p, node, FUNC_IMPORT, NULL);
    case DECL_EXPORT:
        for (size_t i = 1; i < node->count; i++) {
            s = parse_func(p, node->items[i], FUNC_EXPORT, (itlc_str){ NULL, 0 }, NULL);
            status = status ? status : s;
        }
        return status;
    case DECL_FUNC:
        return parse_func(p, node, FUNC_HELPER, (itlc_str){ NULL, 0 }, NULL);
    case DECL_TYPES:
        return ITLC_OK; /* declared before the other forms, so any may use its names */
    case DECL_UNKNOWN:
        break;
    }
    if (node->kind == SX_LIST && node->count && node->items[0]->kind == SX_SYMBOL)
        return diag_error(p->diag, node->items[0]->loc, ITLC_ERR_UNKNOWN_DECL, node->items[0]->text.bytes);
    return diag_error(p->diag, node->loc, ITLC_ERR_EXPECTED, "a top-level form", sx_describe(p->arena, node));
}

itlc_error parse_program(lexer *lx, itlc_program *program)
{
    parser p = { .lx = lx, .diag = lx->diag, .arena = lx->arena, .program = program };
    sx **forms = NULL;
    size_t form_count = 0, form_capacity = 0;
    for (;;) {
        token t;
        itlc_error status = lex_next(lx, &t);
        if (status)
            return status;
        if (t.kind == TOKEN_EOF)
            break;
        if (t.kind == TOKEN_CLOSE)
            return diag_error(p.diag, t.loc, ITLC_ERR_UNEXPECTED_CLOSE);
        sx *node;
        if (t.kind == TOKEN_OPEN) {
            status = parse_list(&p, &t, 1, &node);
            if (status)
                return status;
        } else {
            node = parse_atom(&p, &t);
        }
        forms = arena_grow(p.arena, forms, form_count, &form_capacity, sizeof *forms);
        forms[form_count++] = node;
    }
    for (size_t i = 0; i < form_count; i++)
        if (parse_decl_id(forms[i]) == DECL_TYPES)
            (void)types_declare(p.diag, forms[i]);
    for (size_t i = 0; i < form_count; i++)
        (void)parse_decl(&p, forms[i]); /* reported; go on with the next form */
    (void)types_resolve_all(p.diag);
    return ITLC_OK;
}
