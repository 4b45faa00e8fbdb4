/* core.c: checks the ITL against its core modules when their files can be
 * found at compile time: a small reader of a wasm binary's type, import,
 * function and export sections, and the checks of docs/itl.md ("Core module
 * checks"): declared core exports exist with the declared signature, every
 * core import is adapted with the right signature, memory names exist. */
#include <errno.h>
#include <string.h>

#include "itlc.h"
#include "read_file.h"

/* ---- the reader --------------------------------------------------------- */

enum {
    CORE_KIND_FUNC = 0,
    CORE_KIND_TABLE = 1,
    CORE_KIND_MEMORY = 2,
    CORE_KIND_GLOBAL = 3,
    CORE_KIND_TAG = 4,
};

static const char *const core_kind_names[] = { "function", "table", "memory", "global", "tag" };

typedef struct core_import {
    itlc_str module, name;
    uint8_t kind;
    uint32_t type_index; /* functions */
} core_import;

typedef struct core_export {
    itlc_str name;
    uint8_t kind;
    uint32_t index;
} core_export;

/* What itlc needs to know of a core module. func_types covers the whole
 * function index space: imported functions first, then defined ones. */
typedef struct core_module {
    const char *path; /* as found, for messages */
    wasm_functype *types;
    size_t type_count;
    core_import *imports;
    size_t import_count;
    uint32_t *func_types;
    size_t func_count;
    core_export *exports;
    size_t export_count;
    itlc_map export_names; /* name -> index in exports (first of duplicates) */
} core_module;

typedef struct core_reader {
    const uint8_t *data;
    size_t size, pos;
    arena *arena;
    const char *error;   /* set on the first failure */
    size_t error_offset;
} core_reader;

static bool core_fail(core_reader *r, const char *message)
{
    if (!r->error) {
        r->error = message;
        r->error_offset = r->pos;
    }
    return false;
}

static bool core_byte(core_reader *r, uint8_t *out)
{
    if (r->pos >= r->size)
        return core_fail(r, "unexpected end of the module");
    *out = r->data[r->pos++];
    return true;
}

/* An unsigned LEB128 of at most `bits` bits. */
static bool core_uleb(core_reader *r, int bits, uint64_t *out)
{
    uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
        uint8_t byte;
        if (!core_byte(r, &byte))
            return false;
        if (shift >= bits || (shift + 7 > bits && (byte & 0x7f) >> (bits - shift) != 0))
            return core_fail(r, "integer too large");
        value |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            break;
    }
    *out = value;
    return true;
}

static bool core_u32(core_reader *r, uint32_t *out)
{
    uint64_t value;
    if (!core_uleb(r, 32, &value))
        return false;
    *out = (uint32_t)value;
    return true;
}

/* A count of items of at least `min_item_size` bytes each: never more than
 * the bytes left could hold, so a forged count cannot make us allocate much. */
static bool core_count(core_reader *r, size_t min_item_size, uint32_t *out)
{
    if (!core_u32(r, out))
        return false;
    if ((uint64_t)*out * min_item_size > r->size - r->pos)
        return core_fail(r, "count larger than the section");
    return true;
}

static bool core_name(core_reader *r, itlc_str *out)
{
    uint32_t length;
    if (!core_count(r, 1, &length))
        return false;
    if (!lex_valid_utf8(r->data + r->pos, length))
        return core_fail(r, "a name is not valid UTF-8");
    out->bytes = arena_strndup(r->arena, (const char *)r->data + r->pos, length);
    out->length = length;
    r->pos += length;
    return true;
}

static bool core_valtype(core_reader *r, uint8_t *out)
{
    if (!core_byte(r, out))
        return false;
    switch (*out) {
    case VAL_I32: case VAL_I64: case VAL_F32: case VAL_F64:
    case 0x7b /* v128 */: case VAL_FUNCREF: case VAL_EXTERNREF:
        return true;
    default:
        r->pos--;
        return core_fail(r, "unknown value type");
    }
}

static bool core_limits(core_reader *r)
{
    uint8_t flags;
    uint64_t value;
    if (!core_byte(r, &flags))
        return false;
    if (flags > 7)
        return core_fail(r, "bad limits flags");
    int bits = (flags & 4) ? 64 : 32; /* memory64 */
    if (!core_uleb(r, bits, &value))
        return false;
    return !(flags & 1) || core_uleb(r, bits, &value);
}

static bool core_type_section(core_reader *r, core_module *m)
{
    uint32_t count;
    if (!core_count(r, 3, &count))
        return false;
    m->types = arena_alloc(r->arena, (count + 1) * sizeof *m->types);
    for (uint32_t i = 0; i < count; i++) {
        uint8_t form;
        if (!core_byte(r, &form))
            return false;
        if (form != 0x60)
            return r->pos--, core_fail(r, "only function types are supported (0x60)");
        wasm_functype *type = &m->types[i];
        uint32_t n;
        if (!core_count(r, 1, &n))
            return false;
        type->params = arena_alloc(r->arena, n + 1);
        type->param_count = n;
        for (uint32_t k = 0; k < n; k++)
            if (!core_valtype(r, &type->params[k]))
                return false;
        if (!core_count(r, 1, &n))
            return false;
        type->results = arena_alloc(r->arena, n + 1);
        type->result_count = n;
        for (uint32_t k = 0; k < n; k++)
            if (!core_valtype(r, &type->results[k]))
                return false;
    }
    m->type_count = count;
    return true;
}

static bool core_type_index(core_reader *r, const core_module *m, uint32_t *out)
{
    if (!core_u32(r, out))
        return false;
    if (*out >= m->type_count)
        return core_fail(r, "type index out of range");
    return true;
}

static bool core_import_section(core_reader *r, core_module *m)
{
    uint32_t count;
    if (!core_count(r, 4, &count))
        return false;
    m->imports = arena_alloc(r->arena, (count + 1) * sizeof *m->imports);
    m->func_types = arena_alloc(r->arena, (count + 1) * sizeof *m->func_types);
    for (uint32_t i = 0; i < count; i++) {
        core_import *import = &m->imports[i];
        uint8_t byte;
        uint64_t ignored;
        if (!core_name(r, &import->module) || !core_name(r, &import->name) || !core_byte(r, &import->kind))
            return false;
        switch (import->kind) {
        case CORE_KIND_FUNC:
            if (!core_type_index(r, m, &import->type_index))
                return false;
            m->func_types[m->func_count++] = import->type_index;
            break;
        case CORE_KIND_TABLE:
            if (!core_valtype(r, &byte) || !core_limits(r))
                return false;
            break;
        case CORE_KIND_MEMORY:
            if (!core_limits(r))
                return false;
            break;
        case CORE_KIND_GLOBAL:
            if (!core_valtype(r, &byte) || !core_byte(r, &byte))
                return false;
            break;
        case CORE_KIND_TAG:
            if (!core_byte(r, &byte) || !core_uleb(r, 32, &ignored))
                return false;
            break;
        default:
            r->pos--;
            return core_fail(r, "unknown import kind");
        }
    }
    m->import_count = count;
    return true;
}

static bool core_function_section(core_reader *r, core_module *m)
{
    uint32_t count;
    if (!core_count(r, 1, &count))
        return false;
    uint32_t *all = arena_alloc(r->arena, (m->func_count + count + 1) * sizeof *all);
    if (m->func_count)
        memcpy(all, m->func_types, m->func_count * sizeof *all);
    for (uint32_t i = 0; i < count; i++)
        if (!core_type_index(r, m, &all[m->func_count + i]))
            return false;
    m->func_types = all;
    m->func_count += count;
    return true;
}

static bool core_export_section(core_reader *r, core_module *m)
{
    uint32_t count;
    if (!core_count(r, 3, &count))
        return false;
    m->exports = arena_alloc(r->arena, (count + 1) * sizeof *m->exports);
    for (uint32_t i = 0; i < count; i++) {
        core_export *export = &m->exports[i];
        if (!core_name(r, &export->name) || !core_byte(r, &export->kind) || !core_u32(r, &export->index))
            return false;
        if (export->kind > CORE_KIND_TAG)
            return core_fail(r, "unknown export kind");
        if (export->kind == CORE_KIND_FUNC && export->index >= m->func_count)
            return core_fail(r, "exported function index out of range");
        map_insert(&m->export_names, r->arena, export->name.bytes, export->name.length, i, NULL);
    }
    m->export_count = count;
    return true;
}

/* Reads the sections itlc needs (type, import, function, export) and skips
 * the others; stops after the export section. */
static bool core_read(core_reader *r, core_module *m)
{
    static const uint8_t header[8] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
    if (r->size < 8 || memcmp(r->data, header, 4) != 0)
        return core_fail(r, "not a wasm module (no \\0asm magic)");
    if (memcmp(r->data + 4, header + 4, 4) != 0) {
        r->pos = 4;
        return core_fail(r, "unsupported wasm version (not 1)");
    }
    r->pos = 8;
    while (r->pos < r->size) {
        uint8_t id;
        uint32_t size;
        if (!core_byte(r, &id) || !core_u32(r, &size))
            return false;
        if (size > r->size - r->pos)
            return core_fail(r, "section runs past the end of the module");
        size_t end = r->pos + size;
        core_reader section = *r;
        section.size = end; /* a section's contents cannot read past its end */
        bool ok = true;
        switch (id) {
        case 1: ok = core_type_section(&section, m); break;
        case 2: ok = core_import_section(&section, m); break;
        case 3: ok = core_function_section(&section, m); break;
        case 7: ok = core_export_section(&section, m); break;
        default: section.pos = end; break;
        }
        if (!ok) {
            r->error = section.error;
            r->error_offset = section.error_offset;
            return false;
        }
        if (section.pos != end) {
            r->pos = section.pos;
            return core_fail(r, "section size does not match its contents");
        }
        r->pos = end;
        if (id == 7)
            break;
    }
    return true;
}

/* ---- finding and loading the files --------------------------------------- */

typedef enum core_load_result { CORE_LOADED, CORE_NOT_FOUND, CORE_FAILED } core_load_result;

/* Looks for module m's file in search->dirs, then beside the .itl file, and
 * reads the first one that exists. Reports unreadable and malformed files. */
static core_load_result core_load(const itlc_module *module, const core_search *search, itlc_diag *diag,
                                  arena *a, core_module *out, const char **looked_in)
{
    const char *path_text = arena_strndup(a, module->path.bytes, module->path.length);
    if (strlen(path_text) != module->path.length || module->path.length == 0)
        return CORE_NOT_FOUND; /* a NUL in the path: no file has that name */
    *looked_in = "";
    if (search->read) {
        core_reader reader = { .arena = a };
        if (!search->read(search->read_context, path_text, &reader.data, &reader.size))
            return CORE_NOT_FOUND;
        *out = (core_module){ .path = path_text };
        if (!core_read(&reader, out)) {
            diag_error(diag, module->loc, ITLC_ERR_CORE_MALFORMED, path_text, reader.error_offset, reader.error);
            return CORE_FAILED;
        }
        return CORE_LOADED;
    }
    size_t candidate_count = path_text[0] == '/' ? 1 : search->dir_count + 1;
    for (size_t i = 0; i < candidate_count; i++) {
        const char *path;
        if (path_text[0] == '/')
            path = path_text;
        else if (i < search->dir_count)
            path = arena_printf(a, "%s/%s", search->dirs[i], path_text);
        else
            path = arena_printf(a, "%s%s", search->itl_dir, path_text);
        *looked_in = arena_printf(a, "%s%s'%s'", *looked_in, i ? ", " : "", path);
        bytes content = { 0 };
        int read_error = bytes_read_path(a, &content, path);
        if (read_error == ENOENT || read_error == ENOTDIR)
            continue;
        if (read_error) {
            diag_error(diag, module->loc, ITLC_ERR_CORE_UNREADABLE, path, read_file_strerror(read_error));
            return CORE_FAILED;
        }
        if (search->output && read_file_same(path, search->output)) {
            diag_error(diag, module->loc, ITLC_ERR_WRITE_FAILED, search->output,
                       "it is this core module's file (give -o another name)");
            return CORE_FAILED;
        }
        core_reader reader = { .data = content.data, .size = content.size, .arena = a };
        *out = (core_module){ .path = path };
        if (!core_read(&reader, out)) {
            diag_error(diag, module->loc, ITLC_ERR_CORE_MALFORMED, path, reader.error_offset, reader.error);
            return CORE_FAILED;
        }
        return CORE_LOADED;
    }
    return CORE_NOT_FOUND;
}

/* ---- the checks ------------------------------------------------------------ */

/* "(func (param i32 i32) (result i32))", as WAT writes a function type. */
static const char *core_functype_text(arena *a, const uint8_t *params, size_t param_count, const uint8_t *results,
                                      size_t result_count)
{
    const uint8_t *lists[2] = { params, results };
    size_t counts[2] = { param_count, result_count };
    const char *keywords[2] = { "param", "result" };
    const char *text = "(func";
    for (int l = 0; l < 2; l++) {
        if (!counts[l])
            continue;
        text = arena_printf(a, "%s (%s", text, keywords[l]);
        for (size_t i = 0; i < counts[l]; i++) {
            const char *name;
            switch (lists[l][i]) {
            case VAL_I32: name = "i32"; break;
            case VAL_I64: name = "i64"; break;
            case VAL_F32: name = "f32"; break;
            case VAL_F64: name = "f64"; break;
            case VAL_FUNCREF: name = "funcref"; break;
            case VAL_EXTERNREF: name = "externref"; break;
            default: name = "v128"; break;
            }
            text = arena_printf(a, "%s %s", text, name);
        }
        text = arena_printf(a, "%s)", text);
    }
    return arena_printf(a, "%s)", text);
}

/* The lowered core signature of an ITL declaration. */
static wasm_functype core_declared_type(arena *a, const itlc_sig *sig)
{
    wasm_functype type = {
        .params = arena_alloc(a, sig->param_count + 1),
        .param_count = sig->param_count,
        .results = arena_alloc(a, sig->result_count + 1),
        .result_count = sig->result_count,
    };
    for (size_t i = 0; i < sig->param_count; i++)
        type.params[i] = (uint8_t)type_get(sig->params[i])->lowered;
    for (size_t i = 0; i < sig->result_count; i++)
        type.results[i] = (uint8_t)type_get(sig->results[i])->lowered;
    return type;
}

static bool core_same_type(const wasm_functype *a, const wasm_functype *b)
{
    return a->param_count == b->param_count && a->result_count == b->result_count &&
           memcmp(a->params, b->params, a->param_count) == 0 &&
           memcmp(a->results, b->results, a->result_count) == 0;
}

static const char *core_type_text(arena *a, const wasm_functype *type)
{
    return core_functype_text(a, type->params, type->param_count, type->results, type->result_count);
}

/* A core export or adapted import whose declaration disagrees with the file. */
static void core_check_signature(itlc_diag *diag, arena *a, const itlc_func *func, const core_module *m,
                                 const wasm_functype *actual)
{
    wasm_functype declared = core_declared_type(a, &func->sig);
    if (core_same_type(&declared, actual))
        return;
    if (func->kind == FUNC_CORE)
        diag_error(diag, func->loc, ITLC_ERR_CORE_EXPORT_SIGNATURE, func->field.bytes, m->path,
                   core_type_text(a, actual), core_type_text(a, &declared));
    else
        diag_error(diag, func->loc, ITLC_ERR_CORE_IMPORT_SIGNATURE, func->import_module.bytes, func->field.bytes,
                   m->path, core_type_text(a, actual), core_type_text(a, &declared));
}

static const core_export *core_find_export(const core_module *m, itlc_str name)
{
    uint32_t *index = map_find(&m->export_names, name.bytes, name.length);
    return index ? &m->exports[*index] : NULL;
}

static void core_check_export(itlc_diag *diag, arena *a, const itlc_func *func, const core_module *m)
{
    const core_export *export = core_find_export(m, func->field);
    if (!export)
        diag_error(diag, func->field_loc, ITLC_ERR_CORE_NO_EXPORT, m->path, "function", func->field.bytes);
    else if (export->kind != CORE_KIND_FUNC)
        diag_error(diag, func->field_loc, ITLC_ERR_CORE_EXPORT_KIND, m->path, func->field.bytes,
                   core_kind_names[export->kind], "function");
    else
        core_check_signature(diag, a, func, m, &m->types[m->func_types[export->index]]);
}

/* Every import of the core module needs an adapter in its (module ...),
 * except the WASI ones (wasi_snapshot_preview1 functions), which the loaders
 * provide when the ITL does not adapt them (docs/abi.md, "WASI"). */
static void core_check_imports(const itlc_program *program, const itlc_module *module, const core_module *m,
                               itlc_diag *diag, arena *a)
{
    itlc_map shims = { 0 }; /* (namespace, name) -> the first adapter of that import */
    for (size_t k = 0; k < program->func_count; k++) {
        const itlc_func *func = program->funcs[k];
        if (func->kind == FUNC_SHIM && func->module == module) {
            itlc_str key = map_pair_key(a, func->import_module, func->field);
            map_insert(&shims, a, key.bytes, key.length, (uint32_t)k, NULL);
        }
    }
    for (size_t i = 0; i < m->import_count; i++) {
        const core_import *import = &m->imports[i];
        itlc_str key = map_pair_key(a, import->module, import->name);
        uint32_t *found = map_find(&shims, key.bytes, key.length);
        const itlc_func *adapter = found ? program->funcs[*found] : NULL;
        if (import->kind != CORE_KIND_FUNC) {
            diag_error(diag, module->loc, ITLC_ERR_CORE_IMPORT_NOT_FUNCTION, m->path, core_kind_names[import->kind],
                       import->module.bytes, import->name.bytes);
        } else if (!adapter && import->module.length == 22 &&
                   memcmp(import->module.bytes, "wasi_snapshot_preview1", 22) == 0) {
            continue; /* the loaders' WASI */
        } else if (!adapter) {
            /* "(func (param i32))", and " (param i32)" for the suggested adapter */
            const char *type = core_type_text(a, &m->types[import->type_index]);
            const char *inner = arena_strndup(a, type + strlen("(func"), strlen(type) - strlen("(func)"));
            diag_error(diag, module->loc, ITLC_ERR_CORE_IMPORT_NOT_ADAPTED, m->path, import->module.bytes,
                       import->name.bytes, type, import->module.bytes, import->name.bytes, inner,
                       module->name.bytes);
        } else if (!adapter->broken) {
            core_check_signature(diag, a, adapter, m, &m->types[import->type_index]);
        }
    }
}

/* Memory forms (mem-to-string, string-to-mem, load, store, lift, lower,
 * lift-flat, lower-flat) name a memory export of their module: it must be one. */
static void core_check_memories(const expr *e, const itlc_module *module, const core_module *m, itlc_diag *diag)
{
    if (!e)
        return;
    bool memory_form = e->form == EXPR_MEM_TO_STRING || e->form == EXPR_STRING_TO_MEM || e->form == EXPR_LOAD ||
                       e->form == EXPR_STORE || e->form == EXPR_LIFT || e->form == EXPR_LOWER ||
                       e->form == EXPR_LIFT_FLAT || e->form == EXPR_LOWER_FLAT;
    if (memory_form && e->module == module && e->memory.bytes) {
        const core_export *export = core_find_export(m, e->memory);
        if (!export)
            diag_error(diag, e->loc, ITLC_ERR_CORE_NO_EXPORT, m->path, "memory", e->memory.bytes);
        else if (export->kind != CORE_KIND_MEMORY)
            diag_error(diag, e->loc, ITLC_ERR_CORE_EXPORT_KIND, m->path, e->memory.bytes,
                       core_kind_names[export->kind], "memory");
    }
    for (size_t i = 0; i < e->operand_count; i++)
        core_check_memories(e->operands[i], module, m, diag);
}

itlc_error core_check_program(const itlc_program *program, const core_search *search, itlc_diag *diag, arena *a)
{
    int errors_before = diag->error_count;
    for (size_t i = 0; i < program->module_count; i++) {
        const itlc_module *module = program->modules[i];
        core_module m;
        const char *looked_in = "";
        core_load_result loaded = core_load(module, search, diag, a, &m, &looked_in);
        if (loaded == CORE_NOT_FOUND && search->require)
            diag_error(diag, module->loc, ITLC_ERR_CORE_NOT_FOUND, module->path.bytes, looked_in);
        if (loaded != CORE_LOADED)
            continue;
        for (size_t k = 0; k < program->func_count; k++) {
            const itlc_func *func = program->funcs[k];
            if (func->kind == FUNC_CORE && func->module == module && !func->broken)
                core_check_export(diag, a, func, &m);
        }
        core_check_imports(program, module, &m, diag, a);
        for (size_t k = 0; k < program->func_count; k++) {
            const itlc_func *func = program->funcs[k];
            for (size_t e = 0; e < func->expr_count; e++)
                core_check_memories(func->exprs[e], module, &m, diag);
        }
    }
    return diag->error_count > errors_before ? ITLC_ERR_CORE_MALFORMED : ITLC_OK;
}
