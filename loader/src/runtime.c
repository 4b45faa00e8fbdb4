/* runtime.c: the _it_runtime functions of docs/abi.md as wrt host functions, one set per component. */
#include "loader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_file.h"
#include "wrt_wasi.h"

/*
 * Every failure here is a trap: the function records its reason as the
 * context's pending error (it_call then reports it, naming the export that
 * was running) and returns wrt_host_trap. Nothing here trusts a value from
 * wasm: handles, externrefs, name pointers, memory ranges and type codes
 * are all checked before use.
 */

static const char *const RUNTIME_NAMES[] = {
#define RUNTIME_TEXT(name, params, results) #name,
    RUNTIME_LIST(RUNTIME_TEXT)
#undef RUNTIME_TEXT
};

static const char *const RUNTIME_PARAMS[] = {
#define RUNTIME_PARAMS_TEXT(name, params, results) params,
    RUNTIME_LIST(RUNTIME_PARAMS_TEXT)
#undef RUNTIME_PARAMS_TEXT
};

static const char *const RUNTIME_RESULTS[] = {
#define RUNTIME_RESULTS_TEXT(name, params, results) results,
    RUNTIME_LIST(RUNTIME_RESULTS_TEXT)
#undef RUNTIME_RESULTS_TEXT
};

const char *runtime_name(runtime_id id) { return RUNTIME_NAMES[id]; }

static wrt_valtype letter_type(char letter)
{
    return letter == 'i' ? WRT_I32 : letter == 'I' ? WRT_I64 : WRT_EXTERNREF;
}

void runtime_type(runtime_id id, wrt_valtype *params, wrt_valtype *results,
                  wrt_functype *out)
{
    const char *letters[2] = {RUNTIME_PARAMS[id], RUNTIME_RESULTS[id]};
    wrt_valtype *types[2] = {params, results};
    for (int part = 0; part < 2; part++)
        for (size_t i = 0; letters[part][i]; i++)
            types[part][i] = letter_type(letters[part][i]);
    *out = (wrt_functype){strlen(letters[0]), params, strlen(letters[1]), results};
}

/* ------------------------------------------------------------------ traps */

static wrt_status trap_with(const wrt_host_call *call, it_status status,
                            const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static wrt_status trap_with(const wrt_host_call *call, it_status status,
                            const char *format, ...)
{
    it_component *component = call->user;
    va_list args;
    va_start(args, format);
    char text[1024];
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    context_set_pending(component->context, status, text);
    return wrt_host_trap(call, text);
}

#define TRAP_NO_MEMORY(call, what)                                             \
    trap_with(call, IT_ERR_NO_MEMORY, "%s: out of memory", what)

/* ------------------------------------------------------------------ names */

/* The name at name pointer `pointer` in _it_memory (LEB128 length + UTF-8),
 * borrowed from the memory (which never moves). */
static wrt_status read_name(const wrt_host_call *call, const char *what,
                            int32_t pointer, wrt_name *out)
{
    it_component *component = call->user;
    if (!component->memory)
        return trap_with(call, IT_ERR_TRAP, "%s: %s has no _it_memory export to read names from",
                         what, component->adapter->file);
    const uint8_t *bytes = wrt_memory_data(component->memory);
    uint64_t size = wrt_memory_size(component->memory);
    uint64_t pos = (uint32_t)pointer, length = 0;
    for (unsigned shift = 0;; shift += 7) {
        if (pos >= size || shift > 28)
            return trap_with(call, IT_ERR_TRAP, "%s: bad name pointer %u in _it_memory of %s",
                             what, (uint32_t)pointer, component->adapter->file);
        uint8_t byte = bytes[pos++];
        length |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) break;
    }
    if (length > size - pos)
        return trap_with(call, IT_ERR_TRAP, "%s: name at %u in _it_memory of %s runs out of bounds",
                         what, (uint32_t)pointer, component->adapter->file);
    size_t bad;
    const char *why;
    if (!utf8_check(bytes + pos, (size_t)length, &bad, &why))
        return trap_with(call, IT_ERR_TRAP, "%s: name at %u in _it_memory of %s is not valid UTF-8",
                         what, (uint32_t)pointer, component->adapter->file);
    out->data = (const char *)bytes + pos;
    out->size = (size_t)length;
    return WRT_OK;
}

static bool name_equals(wrt_name name, const char *text)
{
    size_t length = strlen(text);
    return name.size == length && memcmp(name.data, text, length) == 0;
}

/* ---------------------------------------------------------------- memories */

/* The core instance behind handle `handle` of this component. */
static wrt_status core_of_handle(const wrt_host_call *call, const char *what,
                                 int32_t handle, core_instance **out)
{
    it_component *component = call->user;
    ref_table *refs = &component->context->refs;
    void *ref;
    if (!refs_from_handle(refs, component, (uint32_t)handle, &ref))
        return trap_with(call, IT_ERR_TRAP,
                         "%s: unknown handle %d (never returned by ref_to_i32 "
                         "in this component)",
                         what, handle);
    *out = refs_get(refs, ref, REF_CORE);
    if (!*out)
        return trap_with(call, IT_ERR_TRAP,
                         "%s: handle %d is not a core module instance (it is %s)",
                         what, handle, refs_describe(refs, ref));
    return WRT_OK;
}

/* Resolves (core instance handle, memory name pointer) to a memory, once:
 * later calls hit the cache (the last entry first). */
static wrt_status memory_lookup(const wrt_host_call *call, const char *what,
                                int32_t handle, int32_t name_pointer,
                                memory_entry **out)
{
    it_component *component = call->user;
    if (component->memory_count) {
        memory_entry *last = &component->memories[component->last_memory];
        if (last->handle == handle && last->name_pointer == name_pointer) {
            *out = last;
            return WRT_OK;
        }
        for (size_t i = 0; i < component->memory_count; i++) {
            memory_entry *entry = &component->memories[i];
            if (entry->handle == handle && entry->name_pointer == name_pointer) {
                component->last_memory = i;
                *out = entry;
                return WRT_OK;
            }
        }
    }
    core_instance *core;
    wrt_name name;
    wrt_extern object;
    wrt_status status = core_of_handle(call, what, handle, &core);
    if (status) return status;
    status = read_name(call, what, name_pointer, &name);
    if (status) return status;
    if (wrt_instance_export(core->instance, name, &object) ||
        object.kind != WRT_EXTERN_MEMORY)
        return trap_with(call, IT_ERR_TRAP, "%s: %s has no memory export '%.*s'", what,
                         core->path, (int)name.size, name.data);
    memory_entry entry = {handle, name_pointer, object.of.memory,
                          text_format("%s memory '%.*s'", core->path,
                                      (int)name.size, name.data)};
    if (!entry.where ||
        !array_push(&component->memories, &component->memory_count,
                    &component->memory_capacity, sizeof entry, &entry)) {
        free(entry.where);
        return TRAP_NO_MEMORY(call, what);
    }
    component->last_memory = component->memory_count - 1;
    *out = &component->memories[component->last_memory];
    return WRT_OK;
}

/* memory_lookup, then checks that [pointer, pointer + length) lies in the
 * memory as it is now (memories grow: the size is read on every access).
 * *at is the span's first byte; *entry_out, if not NULL, the memory. */
static wrt_status memory_span(const wrt_host_call *call, const char *what,
                              int32_t handle, int32_t name_pointer,
                              int32_t pointer, uint64_t length,
                              memory_entry **entry_out, uint8_t **at)
{
    memory_entry *entry = NULL;
    wrt_status status = memory_lookup(call, what, handle, name_pointer, &entry);
    if (status) return status;
    uint64_t size = wrt_memory_size(entry->memory);
    uint64_t start = (uint32_t)pointer;
    if (start + length > size)
        return trap_with(call, IT_ERR_TRAP,
                         "%s: out of bounds memory access (%llu bytes at %llu in "
                         "%s, %llu bytes long)",
                         what, (unsigned long long)length, (unsigned long long)start,
                         entry->where, (unsigned long long)size);
    if (entry_out) *entry_out = entry;
    *at = wrt_memory_data(entry->memory) + start;
    return WRT_OK;
}

/* ----------------------------------------------------------------- strings */

static wrt_status string_of(const wrt_host_call *call, const char *what,
                            void *ref, host_string **out)
{
    it_component *component = call->user;
    ref_table *refs = &component->context->refs;
    *out = refs_get(refs, ref, REF_STRING);
    if (*out) return WRT_OK;
    return trap_with(call, IT_ERR_TRAP, "%s: not a string (got %s)", what,
                     refs_describe(refs, ref));
}

/* --------------------------------------------------------------- load_wasm */

static const char wasi_module[] = "wasi_snapshot_preview1";

/* Wires core module `desc`'s imports to the adapter's shim exports, and
 * the wasi_snapshot_preview1 ones the ITL leaves alone to the context's
 * WASI (*uses_wasi then). */
static wrt_status wire_imports(const wrt_host_call *call, const char *what,
                               const iface_module *desc, const wrt_module *module,
                               wrt_imports *imports, bool *uses_wasi)
{
    it_component *component = call->user;
    const char *itl = component->adapter->interface.component;
    size_t count = wrt_module_import_count(module);
    *uses_wasi = false;
    for (size_t i = 0; i < count; i++) {
        wrt_import_desc import;
        wrt_module_import(module, i, &import);
        const iface_core_import *wire = NULL;
        for (size_t k = 0; k < desc->import_count && !wire; k++)
            if (name_equals(import.module, desc->imports[k].module) &&
                name_equals(import.name, desc->imports[k].name))
                wire = &desc->imports[k];
        if (!wire && name_equals(import.module, wasi_module)) {
            /* WASI first, so that the ITL's own wiring, below, wins. */
            if (!*uses_wasi && wrt_wasi_define(component->context->wasi, component->context->store, imports))
                return trap_with(call, IT_ERR_TRAP, "%s: %s: WASI: %s", what, desc->path,
                                 wrt_wasi_message(component->context->wasi));
            *uses_wasi = true;
            continue;
        }
        if (!wire)
            return trap_with(call, IT_ERR_TRAP, "%s: %s imports %.*s.%.*s, which %s.itl does not adapt",
                             what, desc->path, (int)import.module.size,
                             import.module.data, (int)import.name.size,
                             import.name.data, itl);
        wrt_extern shim;
        wrt_name shim_name = {wire->shim, strlen(wire->shim)};
        if (import.type.kind != WRT_EXTERN_FUNC ||
            wrt_instance_export(component->instance, shim_name, &shim) ||
            shim.kind != WRT_EXTERN_FUNC)
            return trap_with(call, IT_ERR_TRAP,
                             "%s: %s import %s.%s (a %s) is wired to '%s', which "
                             "is not a function export of %s",
                             what, desc->path, wire->module, wire->name,
                             wrt_externkind_name(import.type.kind), wire->shim,
                             component->adapter->file);
        if (wrt_imports_define(imports, import.module, import.name, shim))
            return TRAP_NO_MEMORY(call, what);
    }
    return WRT_OK;
}

/* Calls a WASI reactor's _initialize (its libc's start) once; the store's
 * error says why it failed. */
static wrt_status call_initialize(it_context *context, wrt_instance *instance)
{
    wrt_extern object;
    if (wrt_instance_export(instance, (wrt_name){"_initialize", 11}, &object) || object.kind != WRT_EXTERN_FUNC)
        return WRT_OK;
    const wrt_functype *type = wrt_func_type(object.of.func);
    if (type->param_count || type->result_count) return WRT_OK; /* not the WASI entry point */
    return wrt_func_call(context->store, object.of.func, NULL, 0, NULL, 0);
}

/* load_wasm(path, index) -> externref: loads and instantiates core module
 * `index` next to the adapter, its imports wired from it.interface (and
 * WASI), then runs a WASI reactor's _initialize. */
static wrt_status runtime_load_wasm(const wrt_host_call *call,
                                    wrt_raw *cells)
{
    static const char what[] = "load_wasm";
    it_component *component = call->user;
    it_context *context = component->context;
    const it_adapter *adapter = component->adapter;
    wrt_name path;
    wrt_status status = read_name(call, what, cells[0].i32, &path);
    if (status) return status;
    uint32_t index = (uint32_t)cells[1].i32;
    if (index >= adapter->interface.module_count)
        return trap_with(call, IT_ERR_TRAP,
                         "%s: core module index %u is not in the it.interface "
                         "section of %s (%zu modules)",
                         what, index, adapter->file, adapter->interface.module_count);
    const iface_module *desc = &adapter->interface.modules[index];
    if (!name_equals(path, desc->path))
        return trap_with(call, IT_ERR_TRAP,
                         "%s: core module %u is '%.*s' in _it_memory but '%s' in "
                         "it.interface",
                         what, index, (int)path.size, path.data, desc->path);
    char *joined = desc->path[0] == '/' ? text_copy(desc->path)
                                        : text_format("%s/%s", adapter->dir, desc->path);
    char *file = joined ? path_normalised(joined) : NULL;
    free(joined);
    if (!file) return TRAP_NO_MEMORY(call, what);
    size_t size = 0;
    uint8_t *bytes = file_read(file, &size);
    wrt_module *module = NULL;
    wrt_imports *imports = NULL;
    core_instance *core = NULL;
    if (!bytes) {
        status = trap_with(call, IT_ERR_TRAP, "%s: cannot read core module %s: %s",
                           what, file, read_file_strerror(errno));
        goto done;
    }
    if (wrt_module_new(context->store, bytes, size, &module)) {
        module = NULL;
        status = trap_with(call, IT_ERR_TRAP, "%s: %s is not a valid wasm module: %s",
                           what, file, wrt_store_error(context->store)->message);
        goto done;
    }
    imports = wrt_imports_new();
    if (!imports) {
        status = TRAP_NO_MEMORY(call, what);
        goto done;
    }
    bool uses_wasi;
    status = wire_imports(call, what, desc, module, imports, &uses_wasi);
    if (status) goto done;
    wrt_export_desc export_desc;
    bool has_start = wrt_module_export_find(module, (wrt_name){"_start", 6}, &export_desc),
         has_initialize = wrt_module_export_find(module, (wrt_name){"_initialize", 11}, &export_desc);
    if (uses_wasi && has_start && !has_initialize) {
        status = trap_with(call, IT_ERR_TRAP,
                           "%s: %s is a WASI command (it exports _start): build it as a reactor "
                           "(clang -mexec-model=reactor) to use it in a component", what, file);
        goto done;
    }
    wrt_instance *instance = NULL;
    if (wrt_instance_new(context->store, module, imports, &instance) ||
        (uses_wasi && has_initialize && call_initialize(context, instance))) {
        const wrt_error *failure = wrt_store_error(context->store);
        const char *stage = instance ? "_initialize" : "start function";
        if (failure->status == WRT_TRAP)
            status = context->pending_status != IT_OK
                         /* a trap reported by one of ours (a shim's import) */
                         ? trap_with(call, context->pending_status,
                                     "%s: %s of %s: %s", what, stage, file,
                                     context->pending_message ? context->pending_message : "")
                         : trap_with(call, status_of_wrt(failure, IT_ERR_TRAP),
                                     "%s: %s of %s: %s", what, stage, file, failure->message);
        else
            status = trap_with(call, status_of_wrt(failure, IT_ERR_TRAP), "%s: cannot instantiate %s: %s",
                               what, file, failure->message);
        goto done;
    }
    core = calloc(1, sizeof *core);
    if (core) core->path = text_copy(desc->path);
    if (!core || !core->path ||
        !array_push(&component->cores, &component->core_count,
                    &component->core_capacity, sizeof core, &core)) {
        if (core) free(core->path);
        free(core);
        status = TRAP_NO_MEMORY(call, what);
        goto done;
    }
    core->instance = instance;
    core->owner = component;
    cells[0].externref = refs_new_core(&context->refs, core);
    if (!cells[0].externref) status = TRAP_NO_MEMORY(call, what);
done:
    if (imports) wrt_imports_delete(imports);
    if (module) wrt_module_delete(module);
    free(bytes);
    free(file);
    return status;
}

/* set_table_func(slot, instance, name): _it_table[slot] = the function
 * export `name` of core instance `instance`. */
static wrt_status runtime_set_table_func(const wrt_host_call *call,
                                         wrt_raw *cells)
{
    static const char what[] = "set_table_func";
    it_component *component = call->user;
    ref_table *refs = &component->context->refs;
    core_instance *core = refs_get(refs, cells[1].externref, REF_CORE);
    if (!core || core->owner != component)
        return trap_with(call, IT_ERR_TRAP,
                         "%s: not a core module instance of this component (got %s)",
                         what, refs_describe(refs, cells[1].externref));
    wrt_name name;
    wrt_status status = read_name(call, what, cells[2].i32, &name);
    if (status) return status;
    wrt_extern object;
    if (wrt_instance_export(core->instance, name, &object) ||
        object.kind != WRT_EXTERN_FUNC)
        return trap_with(call, IT_ERR_TRAP, "%s: %s has no function export '%.*s'", what,
                         core->path, (int)name.size, name.data);
    if (!component->table)
        return trap_with(call, IT_ERR_TRAP, "%s: %s has no _it_table export", what,
                         component->adapter->file);
    uint32_t slot = (uint32_t)cells[0].i32;
    wrt_val value = {WRT_FUNCREF, {.funcref = object.of.func}};
    if (wrt_table_get(component->table, slot, &(wrt_val){WRT_FUNCREF, {0}}) ||
        wrt_table_set(component->table, slot, value))
        return trap_with(call, IT_ERR_TRAP,
                         "%s: slot %u is out of range of _it_table (%u slots)", what,
                         slot, wrt_table_size(component->table));
    return WRT_OK;
}

static wrt_status runtime_ref_to_i32(const wrt_host_call *call,
                                     wrt_raw *cells)
{
    it_component *component = call->user;
    ref_table *refs = &component->context->refs;
    void *ref = cells[0].externref;
    if (ref && !refs_get(refs, ref, REF_STRING) && !refs_get(refs, ref, REF_CORE) &&
        !refs_get(refs, ref, REF_VALUE))
        return trap_with(call, IT_ERR_TRAP, "ref_to_i32: got %s", refs_describe(refs, ref));
    uint32_t handle = refs_handle(refs, component, ref);
    if (!handle) return TRAP_NO_MEMORY(call, "ref_to_i32");
    cells[0].i32 = (int32_t)handle;
    return WRT_OK;
}

static wrt_status runtime_i32_to_ref(const wrt_host_call *call,
                                     wrt_raw *cells)
{
    it_component *component = call->user;
    void *ref;
    if (!refs_from_handle(&component->context->refs, component,
                          (uint32_t)cells[0].i32, &ref))
        return trap_with(call, IT_ERR_TRAP,
                         "i32_to_ref: unknown handle %d (never returned by "
                         "ref_to_i32 in this component)",
                         cells[0].i32);
    cells[0].externref = ref;
    return WRT_OK;
}

static wrt_status runtime_string_len(const wrt_host_call *call,
                                     wrt_raw *cells)
{
    host_string *string;
    wrt_status status = string_of(call, "string_len", cells[0].externref, &string);
    if (status) return status;
    if (string->size > INT32_MAX)
        return trap_with(call, IT_ERR_TRAP,
                         "string_len: a string of %zu bytes does not fit in 32-bit memory",
                         string->size);
    cells[0].i32 = (int32_t)string->size;
    return WRT_OK;
}

/* mem_to_string(instance, memory, ptr, len) -> a new string from len
 * UTF-8 bytes, which must be valid (a trap says where they are not). */
static wrt_status runtime_mem_to_string(const wrt_host_call *call,
                                        wrt_raw *cells)
{
    static const char what[] = "mem_to_string";
    it_component *component = call->user;
    uint32_t start = (uint32_t)cells[2].i32, length = (uint32_t)cells[3].i32;
    memory_entry *entry;
    uint8_t *bytes;
    wrt_status status = memory_span(call, what, cells[0].i32, cells[1].i32,
                                    cells[2].i32, length, &entry, &bytes);
    if (status) return status;
    size_t bad;
    const char *why;
    if (!utf8_check(bytes, length, &bad, &why))
        return trap_with(call, IT_ERR_TRAP,
                         "%s: invalid UTF-8 in %s at offset %llu (string at %u, %u "
                         "bytes): %s",
                         what, entry->where, (unsigned long long)start + bad, start,
                         length, why);
    cells[0].externref =
        refs_new_string(&component->context->refs, (const char *)bytes, length);
    if (!cells[0].externref) return TRAP_NO_MEMORY(call, what);
    return WRT_OK;
}

static wrt_status runtime_string_to_mem(const wrt_host_call *call,
                                        wrt_raw *cells)
{
    static const char what[] = "string_to_mem";
    host_string *string;
    wrt_status status = string_of(call, what, cells[2].externref, &string);
    if (status) return status;
    uint8_t *at;
    status = memory_span(call, what, cells[0].i32, cells[1].i32, cells[3].i32,
                         string->size, NULL, &at);
    if (status) return status;
    if (string->size)
        memcpy(at, string->data, string->size);
    return WRT_OK;
}

/* The width of a memory type code (docs/abi.md), 0 for anything else. */
static unsigned memory_type_size(int32_t code)
{
    switch (code) {
    case IT_S8: case IT_U8: return 1;
    case IT_S16: case IT_U16: return 2;
    case IT_S32: case IT_U32: case IT_I32: case IT_F32: return 4;
    case IT_S64: case IT_U64: case IT_I64: case IT_F64: return 8;
    default: return 0;
    }
}

/* The checks mem_load and mem_store share: cells (instance, memory, ptr,
 * type code) name a memory type and an in-bounds span of its width. */
static wrt_status typed_access(const wrt_host_call *call, const char *what,
                               const wrt_raw *cells, unsigned *size, uint8_t **at)
{
    int32_t code = cells[3].i32;
    *size = memory_type_size(code);
    if (!*size)
        return trap_with(call, IT_ERR_TRAP, "%s: type code %d is not a memory type", what, code);
    return memory_span(call, what, cells[0].i32, cells[1].i32, cells[2].i32, *size,
                       NULL, at);
}

static wrt_status runtime_mem_load(const wrt_host_call *call,
                                   wrt_raw *cells)
{
    int32_t code = cells[3].i32;
    unsigned size;
    uint8_t *at;
    wrt_status status = typed_access(call, "mem_load", cells, &size, &at);
    if (status) return status;
    uint64_t bits = 0;
    for (unsigned i = 0; i < size; i++) bits |= (uint64_t)at[i] << (8 * i);
    int64_t value;
    switch (code) {
    case IT_S8: value = (int8_t)bits; break;
    case IT_S16: value = (int16_t)bits; break;
    case IT_S32: case IT_I32: value = (int32_t)(uint32_t)bits; break;
    default: value = (int64_t)bits; break; /* unsigned, f32 bits, 64-bit */
    }
    cells[0].i64 = value;
    return WRT_OK;
}

static wrt_status runtime_mem_store(const wrt_host_call *call,
                                    wrt_raw *cells)
{
    unsigned size;
    uint8_t *at;
    wrt_status status = typed_access(call, "mem_store", cells, &size, &at);
    if (status) return status;
    uint64_t bits = (uint64_t)cells[4].i64;
    for (unsigned i = 0; i < size; i++) at[i] = (uint8_t)(bits >> (8 * i));
    return WRT_OK;
}

/* ------------------------------------------------------------ string scopes */

/* scope_enter() -> mark: the height of the stack of strings made since the
 * last outermost call (refs.c); what is made from here on lies above it. */
static wrt_status runtime_scope_enter(const wrt_host_call *call,
                                      wrt_raw *cells)
{
    it_component *component = call->user;
    size_t height = component->context->refs.young_count;
    if (height > INT32_MAX)
        return trap_with(call, IT_ERR_TRAP, "scope_enter: %zu strings alive in one call",
                         height);
    cells[0].i32 = (int32_t)height;
    return WRT_OK;
}

/* scope_exit(keep, mark) -> keep: frees the strings made since scope_enter
 * returned `mark`, except `keep` (null or a string), which it returns and
 * which from now on belongs to the enclosing scope. A mark this call into
 * wasm cannot have been given traps: strings of enclosing calls are out of
 * its reach. */
static wrt_status runtime_scope_exit(const wrt_host_call *call,
                                     wrt_raw *cells)
{
    static const char what[] = "scope_exit";
    it_component *component = call->user;
    ref_table *refs = &component->context->refs;
    void *keep = cells[0].externref;
    int32_t mark = cells[1].i32;
    switch (mark < 0 ? SCOPE_BELOW_FLOOR : refs_scope_exit(refs, (uint32_t)mark, keep)) {
    case SCOPE_OK:
        cells[0].externref = keep;
        return WRT_OK;
    case SCOPE_BAD_KEEP:
        return trap_with(call, IT_ERR_TRAP, "%s: the value to keep is not a string or value (got %s)",
                         what, refs_describe(refs, keep));
    case SCOPE_BELOW_FLOOR:
        return trap_with(call, IT_ERR_TRAP,
                         "%s: mark %d is below %zu, where this call into wasm began "
                         "(not a mark scope_enter gave it)",
                         what, mark, refs->young_floor);
    case SCOPE_ABOVE_HEIGHT:
        break;
    }
    return trap_with(call, IT_ERR_TRAP,
                     "%s: mark %d is above the %zu strings alive (not a mark "
                     "scope_enter gave, or its scope already ended)",
                     what, mark, refs->young_count);
}


/* ------------------------------------------------ canonical ABI values */

/* Type `index` of the adapter's table, a string or a type held as an externref. */
static wrt_status value_type(const wrt_host_call *call, const char *what, int32_t index, bool flat,
                             const it_typedesc **out)
{
    it_component *component = call->user;
    const iface *table = &component->adapter->interface;
    if ((uint32_t)index >= table->type_count)
        return trap_with(call, IT_ERR_TRAP, "%s: type %u is not in the type table of %s (%zu types)", what,
                         (uint32_t)index, component->adapter->file, table->type_count);
    const it_typedesc *type = &table->types[index];
    char text[128];
    it_typedesc_text(type, text, sizeof text);
    if (iface_lowered(type->kind) != WRT_EXTERNREF)
        return trap_with(call, IT_ERR_TRAP, "%s: type %u (%s) is not a string or a constructed type held as an externref",
                         what, (uint32_t)index, text);
    if (flat && iface_layout_of(table, type)->flat_count > IFACE_MAX_FLAT)
        return trap_with(call, IT_ERR_TRAP, "%s: %s has more than %d flat values", what, text, IFACE_MAX_FLAT);
    *out = type;
    return WRT_OK;
}

/* The context of a value function: the memory (instance handle, name
 * pointer) and the realloc at _it_table slot `slot` (-1: none). */
static wrt_status value_context(const wrt_host_call *call, const char *what, int32_t handle, int32_t name_pointer,
                                int32_t slot, canon_context *cx)
{
    it_component *component = call->user;
    memory_entry *entry;
    wrt_status status = memory_lookup(call, what, handle, name_pointer, &entry);
    if (status) return status;
    memset(cx, 0, sizeof *cx);
    cx->table = &component->adapter->interface;
    cx->store = component->context->store;
    cx->memory = entry->memory;
    cx->where = entry->where;
    if (slot == -1) return WRT_OK;
    wrt_val func;
    if (!component->table || wrt_table_get(component->table, (uint32_t)slot, &func) || !func.of.funcref)
        return trap_with(call, IT_ERR_TRAP, "%s: _it_table slot %u (the realloc) is %s", what, (uint32_t)slot,
                         component->table && (uint32_t)slot < wrt_table_size(component->table) ? "empty"
                                                                                                : "out of range");
    const wrt_functype *type = wrt_func_type(func.of.funcref);
    bool ok = type->param_count == 4 && type->result_count == 1 && type->results[0] == WRT_I32;
    for (size_t i = 0; ok && i < 4; i++) ok = type->params[i] == WRT_I32;
    if (!ok)
        return trap_with(call, IT_ERR_TRAP, "%s: the realloc at _it_table slot %u is not (i32 i32 i32 i32) -> i32",
                         what, (uint32_t)slot);
    cx->realloc = func.of.funcref;
    return WRT_OK;
}

/* The value an adapter hands over: a live string, or a value of `type`. */
static wrt_status value_of(const wrt_host_call *call, const char *what, const it_typedesc *type, void *ref,
                           it_value *out)
{
    it_component *component = call->user;
    ref_table *refs = &component->context->refs;
    if (type->kind == IT_STRING) {
        host_string *string;
        wrt_status status = string_of(call, what, ref, &string);
        if (status) return status;
        *out = it_value_string(string->data, string->size);
        return WRT_OK;
    }
    const host_value *value = refs_get(refs, ref, REF_VALUE);
    if (!value || !iface_same_type(value->type, type)) {
        char text[128], other[128];
        it_typedesc_text(type, text, sizeof text);
        if (value) it_typedesc_text(value->type, other, sizeof other);
        return trap_with(call, IT_ERR_TRAP, "%s: the value is not of type %s (it is %s%s)", what, text,
                         value ? "of type " : refs_describe(refs, ref), value ? other : "");
    }
    *out = value->root;
    return WRT_OK;
}

/* A lifted value as an externref (a string, or a REF_VALUE). */
static wrt_status value_result(const wrt_host_call *call, const char *what, host_value *value, wrt_raw *cell)
{
    it_component *component = call->user;
    ref_table *refs = &component->context->refs;
    if (value->type->kind == IT_STRING) {
        cell->externref = refs_new_string(refs, value->root.of.string.data, value->root.of.string.size);
        free(value);
    } else {
        cell->externref = refs_new_value(refs, value);
    }
    return cell->externref ? WRT_OK : TRAP_NO_MEMORY(call, what);
}

static wrt_status canon_failed(const wrt_host_call *call, const char *what, const canon_context *cx)
{
    return trap_with(call, cx->status, "%s: %s", what, cx->error);
}

/* The flat-value cells [cells, cells + 8 * count) of _it_memory. */
static wrt_status value_cells(const wrt_host_call *call, const char *what, int32_t cells, size_t count,
                              uint8_t **out)
{
    it_component *component = call->user;
    uint64_t start = (uint32_t)cells, size = component->memory ? wrt_memory_size(component->memory) : 0;
    if (start + 8 * (uint64_t)count > size)
        return trap_with(call, IT_ERR_TRAP, "%s: cells %llu..%llu are out of bounds of _it_memory of %s", what,
                         (unsigned long long)start, (unsigned long long)(start + 8 * count), component->adapter->file);
    *out = wrt_memory_data(component->memory) + start;
    return WRT_OK;
}

/* value_lift(instance, memory, ptr, type) -> the value stored at ptr */
static wrt_status runtime_value_lift(const wrt_host_call *call, wrt_raw *cells)
{
    static const char what[] = "value_lift";
    const it_typedesc *type;
    canon_context cx;
    wrt_status status = value_type(call, what, cells[3].i32, false, &type);
    if (!status) status = value_context(call, what, cells[0].i32, cells[1].i32, -1, &cx);
    if (status) return status;
    host_value *value = canon_lift(&cx, type, (uint32_t)cells[2].i32);
    return value ? value_result(call, what, value, &cells[0]) : canon_failed(call, what, &cx);
}

/* value_lower(instance, memory, realloc, ptr, value, type): stores it at ptr */
static wrt_status runtime_value_lower(const wrt_host_call *call, wrt_raw *cells)
{
    static const char what[] = "value_lower";
    const it_typedesc *type;
    canon_context cx;
    it_value value;
    wrt_status status = value_type(call, what, cells[5].i32, false, &type);
    if (!status) status = value_of(call, what, type, cells[4].externref, &value);
    if (!status) status = value_context(call, what, cells[0].i32, cells[1].i32, cells[2].i32, &cx);
    if (status) return status;
    return canon_lower(&cx, type, &value, (uint32_t)cells[3].i32) ? WRT_OK : canon_failed(call, what, &cx);
}

/* value_lift_flat(instance, memory, cells, type) -> the value of those flat values */
static wrt_status runtime_value_lift_flat(const wrt_host_call *call, wrt_raw *cells)
{
    static const char what[] = "value_lift_flat";
    const it_typedesc *type;
    canon_context cx;
    wrt_status status = value_type(call, what, cells[3].i32, true, &type);
    if (!status) status = value_context(call, what, cells[0].i32, cells[1].i32, -1, &cx);
    if (status) return status;
    size_t count = iface_layout_of(cx.table, type)->flat_count;
    uint8_t *bytes;
    status = value_cells(call, what, cells[2].i32, count, &bytes);
    if (status) return status;
    wrt_raw flats[IFACE_MAX_FLAT];
    memcpy(flats, bytes, 8 * count); /* i32 and f32 in the low bytes: little-endian, as wrt_raw */
    host_value *value = canon_lift_flat(&cx, type, flats);
    return value ? value_result(call, what, value, &cells[0]) : canon_failed(call, what, &cx);
}

/* value_lower_flat(instance, memory, realloc, cells, value, type): its flat values into the cells */
static wrt_status runtime_value_lower_flat(const wrt_host_call *call, wrt_raw *cells)
{
    static const char what[] = "value_lower_flat";
    const it_typedesc *type;
    canon_context cx;
    it_value value;
    wrt_status status = value_type(call, what, cells[5].i32, true, &type);
    if (!status) status = value_of(call, what, type, cells[4].externref, &value);
    if (!status) status = value_context(call, what, cells[0].i32, cells[1].i32, cells[2].i32, &cx);
    if (status) return status;
    size_t count = iface_layout_of(cx.table, type)->flat_count;
    wrt_raw flats[IFACE_MAX_FLAT];
    if (!canon_lower_flat(&cx, type, &value, flats)) return canon_failed(call, what, &cx);
    uint8_t *bytes; /* the cells are written last: nothing runs between this and the caller reading them */
    status = value_cells(call, what, cells[3].i32, count, &bytes);
    if (status) return status;
    memcpy(bytes, flats, 8 * count);
    return WRT_OK;
}

/* string_const(name) -> a new string of the name at that name pointer in
 * _it_memory (an ITL string literal). */
static wrt_status runtime_string_const(const wrt_host_call *call, wrt_raw *cells)
{
    static const char what[] = "string_const";
    it_component *component = call->user;
    wrt_name name;
    wrt_status status = read_name(call, what, cells[0].i32, &name);
    if (status) return status;
    size_t bad;
    const char *why;
    if (!utf8_check((const uint8_t *)name.data, name.size, &bad, &why))
        return trap_with(call, IT_ERR_TRAP, "%s: the string at %u in _it_memory is not valid UTF-8: %s", what,
                         (uint32_t)cells[0].i32, why);
    cells[0].externref = refs_new_string(&component->context->refs, name.data, name.size);
    return cells[0].externref ? WRT_OK : TRAP_NO_MEMORY(call, what);
}

/* ------------------------- values built and taken apart in the adapter */

/* Slots [0, count) of the adapter's _it_refs table (docs/abi.md "value_make"). */
static wrt_status refs_slots(const wrt_host_call *call, const char *what, size_t count, wrt_table **out)
{
    it_component *component = call->user;
    if (!component->refs_table)
        return trap_with(call, IT_ERR_TRAP, "%s: %s has no _it_refs export (a table of externref)", what,
                         component->adapter->file);
    if (count > wrt_table_size(component->refs_table))
        return trap_with(call, IT_ERR_TRAP, "%s: slots 0..%zu are out of range of _it_refs (%u slots)", what,
                         count - 1, wrt_table_size(component->refs_table));
    *out = component->refs_table;
    return WRT_OK;
}

/* Whether an i32 cell holds a value of narrow integer type `kind` as the
 * adapter keeps it (sign- or zero-extended), and that type's range; every
 * other kind is whole. */
static bool cell_normalised(it_type kind, int32_t bits, int32_t *min, int32_t *max)
{
    switch (kind) {
    case IT_S8: *min = INT8_MIN, *max = INT8_MAX; return bits == (int8_t)bits;
    case IT_U8: *min = 0, *max = UINT8_MAX; return bits == (uint8_t)bits;
    case IT_S16: *min = INT16_MIN, *max = INT16_MAX; return bits == (int16_t)bits;
    case IT_U16: *min = 0, *max = UINT16_MAX; return bits == (uint16_t)bits;
    default: return true;
    }
}

/* ".x", "[2]", ".val": member i of a value of `type`, for messages. */
static void member_path(const it_typedesc *type, size_t i, char *out, size_t size)
{
    if (type->kind == IT_RECORD)
        snprintf(out, size, ".%s", type->members[i].label);
    else if (type->kind == IT_TUPLE || type->kind == IT_LIST)
        snprintf(out, size, "[%zu]", i);
    else
        snprintf(out, size, ".val");
}

/* value_make(type, case, cells) -> a new value of `type` from its members:
 * member i in cell i (a number) or _it_refs slot i (a reference). */
static wrt_status runtime_value_make(const wrt_host_call *call, wrt_raw *cells)
{
    static const char what[] = "value_make";
    it_component *component = call->user;
    ref_table *refs = &component->context->refs;
    const it_typedesc *type;
    wrt_status status = value_type(call, what, cells[0].i32, false, &type);
    if (status) return status;
    char text[128];
    it_typedesc_text(type, text, sizeof text);
    uint32_t which = (uint32_t)cells[1].i32;
    size_t count = 0;
    const it_typedesc *payload = NULL;
    switch (type->kind) {
    case IT_RECORD: case IT_TUPLE:
        count = type->member_count;
        if (which)
            return trap_with(call, IT_ERR_TRAP, "%s: case %u given for %s (it takes 0)", what, which, text);
        break;
    case IT_LIST:
        count = which;
        break;
    case IT_VARIANT: case IT_OPTION: case IT_RESULT: {
        bool valid;
        payload = value_case_type(type, which, &valid);
        if (!valid)
            return trap_with(call, IT_ERR_TRAP, "%s: %u is not a case of %s", what, which, text);
        count = payload != NULL;
        break;
    }
    default:
        return trap_with(call, IT_ERR_TRAP, "%s: %s is not built from members", what, text);
    }
    if (count > IFACE_MAX_FLAT)
        return trap_with(call, IT_ERR_TRAP, "%s: %zu members for %s; at most %d fit the cells", what, count, text,
                         IFACE_MAX_FLAT);
    uint8_t *bytes;
    status = value_cells(call, what, cells[2].i32, count, &bytes);
    if (status) return status;
    it_value stack_members[8];
    it_value *members = count <= 8 ? stack_members : malloc(count * sizeof *members);
    if (!members) return TRAP_NO_MEMORY(call, what);
    for (size_t i = 0; i < count && !status; i++) {
        const it_typedesc *member = type->kind == IT_RECORD || type->kind == IT_TUPLE ? type->members[i].type
                                    : type->kind == IT_LIST ? type->members[0].type : payload;
        wrt_raw cell = {0};
        char path[96], why[300];
        member_path(type, i, path, sizeof path);
        wrt_table *slots;
        if (iface_lowered(member->kind) == WRT_EXTERNREF) {
            wrt_val ref;
            status = refs_slots(call, what, i + 1, &slots);
            if (status) break;
            if (wrt_table_get(slots, (uint32_t)i, &ref)) {
                status = trap_with(call, IT_ERR_TRAP, "%s: _it_refs slot %zu cannot be read", what, i);
                break;
            }
            cell.externref = ref.of.externref;
        } else {
            memcpy(&cell, bytes + 8 * i, 8);
            int32_t min, max;
            if (!cell_normalised(member->kind, cell.i32, &min, &max)) { /* the Node loader's words */
                status = trap_with(call, IT_ERR_TRAP, "%s: %s%s is not a %s (an integer in %d..%d) (got %d)", what,
                                   text, path, it_type_name(member->kind), min, max, cell.i32);
                break;
            }
        }
        if (!cell_lift(refs, member, &cell, &members[i], why, sizeof why))
            status = trap_with(call, IT_ERR_TRAP, "%s: %s%s %s", what, text, path, why);
    }
    if (!status) {
        it_value root = type->kind == IT_RECORD || type->kind == IT_TUPLE || type->kind == IT_LIST
                            ? it_value_items(type->kind, members, count)
                            : it_value_case(type->kind, which, count ? &members[0] : NULL);
        value_size size = {0, 0};
        value_failure failure;
        host_value *value = NULL;
        if (!value_check(type, &root, &size, &failure))
            status = trap_with(call, IT_ERR_TRAP, "%s: %s%s %s", what, text, value_failure_path(&failure),
                               failure.what);
        else if (!(value = value_copy(type, &root, &size)) || !(cells[0].externref = refs_new_value(refs, value)))
            status = TRAP_NO_MEMORY(call, what);
    }
    if (members != stack_members) free(members);
    return status;
}

/* value_take(value, type, cells, index) -> a case index or a list's length:
 * writes member `index` of a record, tuple or list (-1: none), or a
 * variant's payload, into cell 0 or _it_refs slot 0. */
static wrt_status runtime_value_take(const wrt_host_call *call, wrt_raw *cells)
{
    static const char what[] = "value_take";
    it_component *component = call->user;
    ref_table *refs = &component->context->refs;
    const it_typedesc *type;
    it_value root;
    wrt_status status = value_type(call, what, cells[1].i32, false, &type);
    if (!status) status = value_of(call, what, type, cells[0].externref, &root);
    if (status) return status;
    char text[128];
    it_typedesc_text(type, text, sizeof text);
    uint32_t index = (uint32_t)cells[3].i32;
    int32_t result = 0;
    const it_typedesc *member_type = NULL;
    it_value member;
    switch (type->kind) {
    case IT_RECORD: case IT_TUPLE:
        if (index >= type->member_count)
            return trap_with(call, IT_ERR_TRAP, "%s: %s has no field %u (it has %zu)", what, text, index,
                             type->member_count);
        member_type = type->members[index].type;
        member = root.of.list.items[index];
        break;
    case IT_LIST:
        result = (int32_t)root.of.list.count;
        if (index == UINT32_MAX) break;
        if (index >= root.of.list.count)
            return trap_with(call, IT_ERR_TRAP, "%s: index %u is out of range of a list of %zu", what, index,
                             root.of.list.count);
        member_type = type->members[0].type;
        member = it_value_element(&root, member_type->kind, index);
        break;
    case IT_VARIANT: case IT_OPTION: case IT_RESULT: {
        if (index != UINT32_MAX)
            return trap_with(call, IT_ERR_TRAP, "%s: index %u given for %s (it takes -1)", what, index, text);
        bool valid;
        result = (int32_t)root.of.variant.index;
        member_type = value_case_type(type, root.of.variant.index, &valid);
        if (member_type) member = *root.of.variant.payload;
        break;
    }
    default:
        return trap_with(call, IT_ERR_TRAP, "%s: %s is not taken apart into members", what, text);
    }
    if (member_type) {
        wrt_raw cell = {0};
        cell_lower(&member, &cell);
        if (iface_lowered(member_type->kind) == WRT_EXTERNREF) {
            wrt_table *slots;
            value_size size = {0, 0};
            value_failure failure;
            status = refs_slots(call, what, 1, &slots);
            if (status) return status;
            if (!value_check(member_type, &member, &size, &failure)) /* it is of the type: this measures it */
                return trap_with(call, IT_ERR_TRAP, "%s: %s", what, failure.what);
            wrt_val ref = {WRT_EXTERNREF, {.externref = cell_reference(refs, member_type, &member, &size)}};
            if (!ref.of.externref) return TRAP_NO_MEMORY(call, what);
            if (wrt_table_set(slots, 0, ref))
                return trap_with(call, IT_ERR_TRAP, "%s: _it_refs slot 0 cannot be written", what);
        } else {
            uint8_t *bytes;
            status = value_cells(call, what, cells[2].i32, 1, &bytes);
            if (status) return status;
            memcpy(bytes, &cell, 8);
        }
    }
    cells[0].i32 = result;
    return WRT_OK;
}

static const wrt_host_raw_callback RUNTIME_CALLBACKS[] = {
#define RUNTIME_CALLBACK(name, params, results) runtime_##name,
    RUNTIME_LIST(RUNTIME_CALLBACK)
#undef RUNTIME_CALLBACK
};

it_status runtime_create(it_component *component, wrt_func **funcs)
{
    it_context *context = component->context;
    for (int i = 0; i < RUNTIME_COUNT; i++) {
        wrt_valtype params[RUNTIME_MAX_PARAMS], results[1];
        wrt_functype type;
        runtime_type((runtime_id)i, params, results, &type);
        if (wrt_func_new_raw(context->store, &type, RUNTIME_CALLBACKS[i], component,
                         &funcs[i]))
            return context_fail(context, IT_ERR_NO_MEMORY, "%s",
                                wrt_store_error(context->store)->message);
    }
    return IT_OK;
}
