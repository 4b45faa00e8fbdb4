/* component.c: contexts and errors, reading adapters, linking imports, instantiating, and calls with IT values. */
#include "loader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "read_file.h"
#include "wrt_wasi.h"

_Static_assert(sizeof(void *) == 8, "externref ids need 64-bit pointers");

/* --------------------------------------------------------------- helpers */

/* A NUL-terminated copy of data[0, size); NULL if out of memory. */
static char *text_copy_n(const char *data, size_t size)
{
    char *copy = malloc(size + 1);
    if (!copy) return NULL;
    if (size) memcpy(copy, data, size);
    copy[size] = '\0';
    return copy;
}

char *text_copy(const char *text)
{
    size_t size = strlen(text) + 1;
    char *copy = malloc(size);
    if (copy) memcpy(copy, text, size);
    return copy;
}

uint8_t *file_read(const char *path, size_t *size)
{
    return read_file(strcmp(path, "-") == 0 ? "./-" : path, size);
}

static char *text_vformat(const char *format, va_list args)
{
    va_list again;
    va_copy(again, args);
    int size = vsnprintf(NULL, 0, format, args);
    char *text = size < 0 ? NULL : malloc((size_t)size + 1);
    if (text) vsnprintf(text, (size_t)size + 1, format, again);
    va_end(again);
    return text;
}

char *text_format(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *text = text_vformat(format, args);
    va_end(args);
    return text;
}

char *path_normalised(const char *path)
{
    size_t size = strlen(path);
    char *out = malloc(size + 2);
    if (!out) return NULL;
    bool absolute = path[0] == '/';
    size_t length = absolute, poppable = 0;
    out[0] = '/';
    for (const char *in = path; *in;) {
        while (*in == '/') in++;
        size_t part = strcspn(in, "/");
        if (part == 0 || (part == 1 && in[0] == '.')) {
            /* empty or `.`: nothing */
        } else if (part == 2 && in[0] == '.' && in[1] == '.' && poppable) {
            while (length > (size_t)absolute && out[length - 1] != '/') length--;
            if (length > (size_t)absolute) length--; /* the separator */
            poppable--;
        } else if (!(part == 2 && in[0] == '.' && in[1] == '.' && absolute)) {
            /* a name, or a `..` a relative path cannot resolve */
            if (length > (size_t)absolute) out[length++] = '/';
            memcpy(out + length, in, part);
            length += part;
            if (!(part == 2 && in[0] == '.' && in[1] == '.')) poppable++;
        }
        in += part;
    }
    if (length == 0) out[length++] = '.';
    out[length] = '\0';
    return out;
}

bool array_push(void *array_pointer, size_t *count, size_t *capacity,
                size_t item_size, const void *item)
{
    char **array = array_pointer;
    if (*count == *capacity) {
        size_t next = *capacity ? *capacity * 2 : 8;
        char *bigger = realloc(*array, next * item_size);
        if (!bigger) return false;
        *array = bigger;
        *capacity = next;
    }
    memcpy(*array + *count * item_size, item, item_size);
    (*count)++;
    return true;
}

static const char OUT_OF_MEMORY[] = "out of memory";

static void set_message(it_context *context, it_status status, char *message)
{
    /* Every message is one line: a name from an adapter holding a newline
     * or a terminal escape can neither forge a second line nor hide the
     * rest. */
    char *escaped = message ? escape_controls(message) : NULL;
    free(message);
    message = escaped;
    free(context->message);
    context->message = message;
    context->error.status = status;
    context->error.message = message ? message : OUT_OF_MEMORY;
    context->error_serial++;
}

it_status context_fail(it_context *context, it_status status,
                       const char *format, ...)
{
    va_list args;
    va_start(args, format);
    set_message(context, status, text_vformat(format, args));
    va_end(args);
    return status;
}

void context_set_pending(it_context *context, it_status status,
                         const char *message)
{
    free(context->pending_message);
    context->pending_message = text_copy(message);
    context->pending_status = status;
    context->pending_verbatim = false;
}

static void clear_pending(it_context *context)
{
    free(context->pending_message);
    context->pending_message = NULL;
    context->pending_status = IT_OK;
}

static bool name_is(wrt_name name, const char *text)
{
    size_t length = strlen(text);
    return name.size == length && memcmp(name.data, text, length) == 0;
}

static wrt_name name_of(const char *text)
{
    wrt_name name = {text, strlen(text)};
    return name;
}

/* "(i32, i32) -> (externref)" for a core function type. */
static void core_type_text(const wrt_functype *type, char *buffer, size_t size)
{
    size_t used = 0;
    buffer[0] = '\0';
    for (int part = 0; part < 2; part++) {
        size_t count = part ? type->result_count : type->param_count;
        const wrt_valtype *types = part ? type->results : type->params;
        used += (size_t)snprintf(buffer + used, size - used, "%s",
                                 part ? ") -> (" : "(");
        for (size_t i = 0; i < count && used < size; i++)
            used += (size_t)snprintf(buffer + used, size - used, "%s%s",
                                     i ? ", " : "", wrt_valtype_name(types[i]));
        if (used >= size) return;
    }
    snprintf(buffer + used, size - used, ")");
}

/* Whether core type `core` is the lowering of IT signature `signature`. */
static bool is_lowering(const wrt_functype *core, const it_signature *signature)
{
    if (core->param_count != signature->param_count ||
        core->result_count != signature->result_count)
        return false;
    for (size_t i = 0; i < core->param_count; i++)
        if (core->params[i] != iface_lowered(signature->params[i])) return false;
    for (size_t i = 0; i < core->result_count; i++)
        if (core->results[i] != iface_lowered(signature->results[i])) return false;
    return true;
}

static bool same_core_type(const wrt_functype *a, const wrt_functype *b)
{
    if (a->param_count != b->param_count || a->result_count != b->result_count)
        return false;
    for (size_t i = 0; i < a->param_count; i++)
        if (a->params[i] != b->params[i]) return false;
    for (size_t i = 0; i < a->result_count; i++)
        if (a->results[i] != b->results[i]) return false;
    return true;
}

/* Orders signatures by (module, name); exports have no module. */
static int compare_signatures(const void *a, const void *b)
{
    const it_signature *x = *(const it_signature *const *)a, *y = *(const it_signature *const *)b;
    int order = strcmp(x->module ? x->module : "", y->module ? y->module : "");
    return order ? order : strcmp(x->name, y->name);
}

/* The signature named (module, name) in `sorted`, or NULL. Names in
 * it.interface hold no NUL byte (iface_parse), so a wrt_name holding one
 * matches nothing. */
static const it_signature *find_signature(const it_signature *const *sorted, size_t count,
                                          wrt_name module, wrt_name name)
{
    if ((module.size && memchr(module.data, '\0', module.size)) ||
        (name.size && memchr(name.data, '\0', name.size)))
        return NULL;
    char *module_text = text_copy_n(module.data, module.size);
    char *name_text = text_copy_n(name.data, name.size);
    const it_signature *found = NULL;
    if (module_text && name_text) {
        it_signature key = {module_text, name_text, 0, NULL, 0, NULL, NULL, NULL};
        const it_signature *key_pointer = &key;
        const it_signature *const *hit =
            bsearch(&key_pointer, sorted, count, sizeof *sorted, compare_signatures);
        found = hit ? *hit : NULL;
    }
    free(module_text);
    free(name_text);
    return found;
}

/* A sorted array of pointers to signatures[0, count); NULL if out of memory. */
static const it_signature **sorted_signatures(const it_signature *signatures, size_t count)
{
    const it_signature **sorted = malloc((count ? count : 1) * sizeof *sorted);
    if (!sorted) return NULL;
    for (size_t i = 0; i < count; i++) sorted[i] = &signatures[i];
    qsort(sorted, count, sizeof *sorted, compare_signatures);
    return sorted;
}

/* ----------------------------------------------------------------- context */

it_status it_context_new(it_context **out)
{
    *out = NULL;
    it_context *context = calloc(1, sizeof *context);
    if (!context) return IT_ERR_NO_MEMORY;
    context->engine = wrt_engine_new();
    context->store = context->engine ? wrt_store_new(context->engine) : NULL;
    if (!context->store) {
        if (context->engine) wrt_engine_delete(context->engine);
        free(context);
        return IT_ERR_NO_MEMORY;
    }
    context->error.message = "";
    context->wasi = wrt_wasi_new();
    if (!context->wasi) {
        it_context_delete(context);
        return IT_ERR_NO_MEMORY;
    }
    *out = context;
    return IT_OK;
}

it_status it_context_set_wasi(it_context *context, const it_wasi_config *config)
{
    wrt_wasi *wasi = wrt_wasi_new();
    if (!wasi) return context_fail(context, IT_ERR_NO_MEMORY, "out of memory");
    it_status status = IT_OK;
    bool default_stdio = !config->stdio[0] && !config->stdio[1] && !config->stdio[2];
    if (wrt_wasi_set_args(wasi, config->arg_count, config->args) ||
        wrt_wasi_set_env(wasi, config->env_count, config->env) ||
        (!default_stdio && wrt_wasi_set_stdio(wasi, config->stdio[0], config->stdio[1], config->stdio[2])))
        status = IT_ERR_ARGUMENT;
    for (size_t i = 0; !status && i < config->dir_count; i++) {
        wrt_status preopened = wrt_wasi_preopen_spec(wasi, config->dirs[i]);
        if (preopened)
            status = preopened == WRT_ERR_NO_MEMORY ? IT_ERR_NO_MEMORY : IT_ERR_FILE;
    }
    wrt_wasi **old = status ? NULL
                            : realloc(context->old_wasi, (context->old_wasi_count + 1) * sizeof *old);
    if (!status && !old) status = IT_ERR_NO_MEMORY;
    if (status) {
        status = context_fail(context, status, "WASI: %s",
                              status == IT_ERR_NO_MEMORY ? "out of memory" : wrt_wasi_message(wasi));
        wrt_wasi_delete(wasi);
        return status;
    }
    context->old_wasi = old;
    context->old_wasi[context->old_wasi_count++] = context->wasi;
    context->wasi = wasi;
    return IT_OK;
}

static void component_free(it_component *component)
{
    for (size_t i = 0; component->funcs && i < it_adapter_export_count(component->adapter); i++)
        free(component->funcs[i].label);
    free(component->funcs);
    for (size_t i = 0; i < component->core_count; i++) {
        free(component->cores[i]->path);
        free(component->cores[i]);
    }
    free(component->cores);
    for (size_t i = 0; i < component->memory_count; i++)
        free(component->memories[i].where);
    free(component->memories);
    for (size_t i = 0; i < component->binding_count; i++) {
        free(component->bindings[i]->label);
        free(component->bindings[i]);
    }
    free(component->bindings);
    free(component);
}

static void adapter_free(it_adapter *adapter)
{
    iface_free(&adapter->interface);
    free(adapter->exports_by_name);
    free(adapter->imports_by_name);
    if (adapter->module) wrt_module_delete(adapter->module);
    free(adapter->file);
    free(adapter->dir);
    free(adapter);
}

void it_context_delete(it_context *context)
{
    if (!context) return;
    for (size_t i = 0; i < context->definition_count; i++) {
        definition *def = &context->definitions[i];
        free(def->module);
        free(def->name);
        if (def->kind == DEFINE_HOST) {
            free((it_type *)def->signature.params);
            free((it_type *)def->signature.results);
        }
    }
    free(context->definitions);
    for (size_t i = 0; i < context->component_count; i++)
        component_free(context->components[i]);
    free(context->components);
    for (size_t i = 0; i < context->adapter_count; i++)
        adapter_free(context->adapters[i]);
    free(context->adapters);
    refs_free(&context->refs);
    wrt_store_delete(context->store);
    wrt_engine_delete(context->engine);
    wrt_wasi_delete(context->wasi); /* after the store: its functions point at them */
    for (size_t i = 0; i < context->old_wasi_count; i++)
        wrt_wasi_delete(context->old_wasi[i]);
    free(context->old_wasi);
    free(context->message);
    free(context->pending_message);
    free(context);
}

const it_error *it_context_error(const it_context *context)
{
    return &context->error;
}

void it_context_set_limits(it_context *context, const it_limits *limits)
{
    wrt_store_limits store = {limits->memory_bytes, limits->table_elements, limits->instances,
                              limits->stack_bytes};
    wrt_store_set_limits(context->store, &store);
}

void it_context_interrupt(it_context *context)
{
    wrt_store_interrupt(context->store);
}

it_status status_of_wrt(const wrt_error *error, it_status otherwise)
{
    if (error->status == WRT_ERR_NO_MEMORY) return IT_ERR_NO_MEMORY;
    if (error->status == WRT_ERR_LIMIT) return IT_ERR_LIMIT;
    if (error->status == WRT_TRAP && error->trap == WRT_TRAP_INTERRUPTED) return IT_ERR_INTERRUPTED;
    return otherwise;
}

it_value it_value_cstring(const char *text)
{
    return it_value_string(text, text ? strlen(text) : 0);
}

/* ---------------------------------------------------------------- adapters */

/* Splits `path` into the base name and the absolute directory. */
static it_status adapter_place(it_context *context, it_adapter *adapter,
                               const char *path)
{
    if (!path) path = "adapter";
    const char *slash = strrchr(path, '/');
    adapter->file = text_copy(slash ? slash + 1 : path);
    char *dir;
    if (!slash)
        dir = text_copy(".");
    else if (slash == path)
        dir = text_copy("/");
    else
        dir = text_format("%.*s", (int)(slash - path), path);
    if (dir && dir[0] != '/') {
        char cwd[4096];
        char *absolute = getcwd(cwd, sizeof cwd)
                             ? text_format("%s/%s", cwd, dir)
                             : NULL;
        if (absolute) {
            free(dir);
            dir = absolute;
        }
    }
    /* "/tmp/x/./b.wasm" would name the same file, but messages show paths
     * as Node's path.resolve does: "/tmp/x/b.wasm". */
    adapter->dir = dir ? path_normalised(dir) : NULL;
    free(dir);
    if (!adapter->file || !adapter->dir)
        return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    return IT_OK;
}

/* The adapter's function export named `name`, with its core type. */
static bool adapter_func_export(const wrt_module *module, const char *name,
                                wrt_functype *type)
{
    wrt_export_desc desc;
    if (!wrt_module_export_find(module, name_of(name), &desc) || desc.type.kind != WRT_EXTERN_FUNC)
        return false;
    *type = desc.type.of.func;
    return true;
}

/* Checks what docs/abi.md requires of the adapter module beyond its
 * section: imports are _it_runtime functions this loader provides or
 * it.interface imports with their lowered types; exports are functions with
 * their lowered types; _it_init is [] -> []. A mismatch is an itlc bug,
 * caught here rather than as a wrong value later. */
static it_status adapter_check(it_context *context, it_adapter *adapter)
{
    const char *file = adapter->file;
    const iface *interface = &adapter->interface;
    char found[256], expected[256];
    adapter->exports_by_name = sorted_signatures(interface->exports, interface->export_count);
    adapter->imports_by_name = sorted_signatures(interface->imports, interface->import_count);
    if (!adapter->exports_by_name || !adapter->imports_by_name)
        return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    for (size_t i = 1; i < interface->export_count; i++)
        if (compare_signatures(&adapter->exports_by_name[i - 1], &adapter->exports_by_name[i]) == 0)
            return context_fail(context, IT_ERR_INTERFACE, "%s: it.interface lists export %s twice",
                                file, adapter->exports_by_name[i]->name);
    size_t count = wrt_module_import_count(adapter->module);
    for (size_t i = 0; i < count; i++) {
        wrt_import_desc desc;
        wrt_module_import(adapter->module, i, &desc);
        const char *kind = wrt_externkind_name(desc.type.kind);
        if (name_is(desc.module, "_it_runtime")) {
            runtime_id id = RUNTIME_COUNT;
            for (int r = 0; r < RUNTIME_COUNT; r++)
                if (name_is(desc.name, runtime_name((runtime_id)r))) id = (runtime_id)r;
            if (id == RUNTIME_COUNT || desc.type.kind != WRT_EXTERN_FUNC)
                return context_fail(context, IT_ERR_ADAPTER,
                                    "%s imports _it_runtime.%.*s (a %s), which this "
                                    "loader does not provide (ABI version %d)",
                                    file, (int)desc.name.size, desc.name.data,
                                    kind, IT_ABI_VERSION);
            wrt_valtype runtime_params[RUNTIME_MAX_PARAMS], runtime_results[1];
            wrt_functype type;
            runtime_type(id, runtime_params, runtime_results, &type);
            if (!same_core_type(&desc.type.of.func, &type)) {
                core_type_text(&desc.type.of.func, found, sizeof found);
                core_type_text(&type, expected, sizeof expected);
                return context_fail(context, IT_ERR_ADAPTER,
                                    "%s: import _it_runtime.%s has core type %s, "
                                    "but docs/abi.md says %s",
                                    file, runtime_name(id), found, expected);
            }
            continue;
        }
        const it_signature *listed = find_signature(adapter->imports_by_name, interface->import_count,
                                                    desc.module, desc.name);
        if (!listed || desc.type.kind != WRT_EXTERN_FUNC)
            return context_fail(context, IT_ERR_ADAPTER,
                                "%s imports %.*s.%.*s (a %s), which its it.interface "
                                "section does not list",
                                file, (int)desc.module.size, desc.module.data,
                                (int)desc.name.size, desc.name.data, kind);
        if (!is_lowering(&desc.type.of.func, listed)) {
            core_type_text(&desc.type.of.func, found, sizeof found);
            iface_signature_text(listed, expected, sizeof expected);
            return context_fail(context, IT_ERR_ADAPTER,
                                "%s: import %s.%s has core type %s, but it.interface "
                                "says %s",
                                file, listed->module, listed->name, found, expected);
        }
    }
    for (size_t i = 0; i < interface->export_count; i++) {
        const it_signature *entry = &interface->exports[i];
        wrt_functype core;
        if (!adapter_func_export(adapter->module, entry->name, &core))
            return context_fail(context, IT_ERR_ADAPTER,
                                "%s: it.interface lists export %s, which is not a "
                                "function export of the adapter",
                                file, entry->name);
        if (!is_lowering(&core, entry)) {
            core_type_text(&core, found, sizeof found);
            iface_signature_text(entry, expected, sizeof expected);
            return context_fail(context, IT_ERR_ADAPTER,
                                "%s: export %s has core type %s, but it.interface "
                                "says %s",
                                file, entry->name, found, expected);
        }
    }
    wrt_functype init;
    if (!adapter_func_export(adapter->module, "_it_init", &init))
        return context_fail(context, IT_ERR_ADAPTER,
                            "%s has no _it_init function export", file);
    if (init.param_count || init.result_count) {
        core_type_text(&init, found, sizeof found);
        return context_fail(context, IT_ERR_ADAPTER,
                            "%s: export _it_init has core type %s, but docs/abi.md "
                            "says () -> ()",
                            file, found);
    }
    return IT_OK;
}

it_status it_adapter_from_bytes(it_context *context, const uint8_t *bytes,
                                size_t size, const char *path,
                                it_adapter **out)
{
    *out = NULL;
    if (!bytes && size)
        return context_fail(context, IT_ERR_ARGUMENT,
                            "it_adapter_from_bytes: bytes is NULL");
    it_adapter *adapter = calloc(1, sizeof *adapter);
    if (!adapter) return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    adapter->context = context;
    it_status status = adapter_place(context, adapter, path);
    if (status) goto fail;
    if (wrt_module_new(context->store, bytes, size, &adapter->module)) {
        adapter->module = NULL;
        status = context_fail(context, IT_ERR_WASM, "%s: not a valid wasm module: %s",
                              adapter->file, wrt_store_error(context->store)->message);
        goto fail;
    }
    const uint8_t *payload = NULL;
    size_t payload_size = 0;
    size_t sections = iface_find_section(bytes, size, &payload, &payload_size);
    if (sections != 1) {
        status = context_fail(context, IT_ERR_INTERFACE,
                              sections == 0
                                  ? "%s: no it.interface custom section: not an adapter written by itlc%.0zu"
                                  : "%s: %zu it.interface sections (there must be exactly one)",
                              adapter->file, sections);
        goto fail;
    }
    iface_failure failure;
    status = iface_parse(payload, payload_size, &adapter->interface, &failure);
    if (status == IT_ERR_VERSION) {
        context_fail(context, status, "%s: it.interface %s", adapter->file, failure.what);
        goto fail;
    }
    if (status) {
        context_fail(context, status, "%s: malformed it.interface section at byte %zu: %s",
                     adapter->file, failure.offset, failure.what);
        goto fail;
    }
    status = adapter_check(context, adapter);
    if (status) goto fail;
    if (!array_push(&context->adapters, &context->adapter_count,
                    &context->adapter_capacity, sizeof adapter, &adapter)) {
        status = context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
        goto fail;
    }
    *out = adapter;
    return IT_OK;
fail:
    adapter_free(adapter);
    return status;
}

it_status it_adapter_load(it_context *context, const char *path,
                          it_adapter **out)
{
    *out = NULL;
    if (!path) return context_fail(context, IT_ERR_ARGUMENT, "it_adapter_load: path is NULL");
    size_t size = 0;
    uint8_t *bytes = file_read(path, &size);
    if (!bytes) {
        if (errno == ENOMEM) return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
        return context_fail(context, IT_ERR_FILE, "cannot read adapter %s: %s", path,
                            read_file_strerror(errno));
    }
    it_status status = it_adapter_from_bytes(context, bytes, size, path, out);
    free(bytes);
    return status;
}

const char *it_adapter_name(const it_adapter *adapter)
{
    return adapter->interface.component;
}
const char *it_adapter_file(const it_adapter *adapter) { return adapter->file; }
size_t it_adapter_export_count(const it_adapter *adapter)
{
    return adapter->interface.export_count;
}
const it_signature *it_adapter_export(const it_adapter *adapter, size_t index)
{
    return index < adapter->interface.export_count
               ? &adapter->interface.exports[index]
               : NULL;
}
size_t it_adapter_import_count(const it_adapter *adapter)
{
    return adapter->interface.import_count;
}
const it_signature *it_adapter_import(const it_adapter *adapter, size_t index)
{
    return index < adapter->interface.import_count
               ? &adapter->interface.imports[index]
               : NULL;
}
const it_signature *it_adapter_find_export(const it_adapter *adapter,
                                           const char *name)
{
    if (!name) return NULL;
    it_signature key = {NULL, name, 0, NULL, 0, NULL, NULL, NULL};
    const it_signature *key_pointer = &key;
    const it_signature *const *hit = bsearch(&key_pointer, adapter->exports_by_name,
                                             adapter->interface.export_count,
                                             sizeof *adapter->exports_by_name, compare_signatures);
    return hit ? *hit : NULL;
}
size_t it_adapter_module_count(const it_adapter *adapter)
{
    return adapter->interface.module_count;
}
const char *it_adapter_module_path(const it_adapter *adapter, size_t index)
{
    return index < adapter->interface.module_count
               ? adapter->interface.modules[index].path
               : NULL;
}

/* ------------------------------------------------------------- definitions */

static it_status define(it_context *context, definition *def)
{
    if (!def->module || (def->kind != DEFINE_COMPONENT && !def->name) ||
        !array_push(&context->definitions, &context->definition_count,
                    &context->definition_capacity, sizeof *def, def)) {
        free(def->module);
        free(def->name);
        if (def->kind == DEFINE_HOST) {
            free((it_type *)def->signature.params);
            free((it_type *)def->signature.results);
        }
        return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    }
    return IT_OK;
}

static it_type *copy_types(const it_type *types, size_t count)
{
    it_type *copy = malloc((count ? count : 1) * sizeof *copy);
    if (copy && count) memcpy(copy, types, count * sizeof *copy);
    return copy;
}

/* The host definition of it_define_host (its checked types) and of
 * it_define_host_any (none: any signature). */
static it_status define_host(it_context *context, const char *module, const char *name, const it_type *params,
                             size_t param_count, const it_type *results, size_t result_count, bool any_signature,
                             it_host_func callback, void *user)
{
    definition def = {DEFINE_HOST, text_copy(module), text_copy(name),
                      {NULL, NULL, param_count, copy_types(params, param_count),
                       result_count, copy_types(results, result_count), NULL, NULL},
                      any_signature, callback, user, NULL, NULL};
    if (def.name) def.signature.name = def.name;
    if (def.module) def.signature.module = def.module;
    if (!def.signature.params || !def.signature.results) {
        free(def.module);
        free(def.name);
        free((it_type *)def.signature.params);
        free((it_type *)def.signature.results);
        return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    }
    return define(context, &def);
}

it_status it_define_host(it_context *context, const char *module,
                         const char *name, const it_type *params,
                         size_t param_count, const it_type *results,
                         size_t result_count, it_host_func callback,
                         void *user)
{
    if (!module || !name || !callback || (param_count && !params) ||
        (result_count && !results))
        return context_fail(context, IT_ERR_ARGUMENT,
                            "it_define_host: module, name and callback must not "
                            "be NULL, nor the type arrays when their count is not 0");
    if (param_count > 1000 || result_count > 1000)
        return context_fail(context, IT_ERR_ARGUMENT,
                            "it_define_host %s.%s: more than 1000 parameters or results",
                            module, name);
    for (size_t i = 0; i < param_count + result_count; i++) {
        it_type type = i < param_count ? params[i] : results[i - param_count];
        if (!it_type_name(type))
            return context_fail(context, IT_ERR_ARGUMENT,
                                "it_define_host %s.%s: %d is not an IT type",
                                module, name, (int)type);
        if (!iface_type_primitive((uint8_t)type))
            return context_fail(context, IT_ERR_ARGUMENT,
                                "it_define_host %s.%s: %s is a constructed type, which an "
                                "it_type cannot describe: define it with it_define_host_any",
                                module, name, it_type_name(type));
    }
    return define_host(context, module, name, params, param_count, results, result_count, false, callback,
                       user);
}

it_status it_define_host_any(it_context *context, const char *module,
                             const char *name, it_host_func callback, void *user)
{
    if (!module || !name || !callback)
        return context_fail(context, IT_ERR_ARGUMENT,
                            "it_define_host_any: module, name and callback must not be NULL");
    return define_host(context, module, name, NULL, 0, NULL, 0, true, callback, user);
}

it_status it_define_component(it_context *context, const char *module,
                              const it_component *provider)
{
    if (!module || !provider || provider->context != context)
        return context_fail(context, IT_ERR_ARGUMENT,
                            "it_define_component: the module name must not be NULL "
                            "and the component must belong to this context");
    definition def = {DEFINE_COMPONENT, text_copy(module), NULL, {0}, false,
                      NULL, NULL, NULL, provider};
    return define(context, &def);
}

it_status it_define_func(it_context *context, const char *module,
                         const char *name, const it_func *func)
{
    if (!module || !name || !func || func->component->context != context)
        return context_fail(context, IT_ERR_ARGUMENT,
                            "it_define_func: module, name and func must not be NULL "
                            "and the func must belong to this context");
    definition def = {DEFINE_FUNC, text_copy(module), text_copy(name), {0}, false,
                      NULL, NULL, func, NULL};
    return define(context, &def);
}

/* ------------------------------------------------------------------ calls */

#define STACK_VALUES 16

/* Begins a call into wasm, with the activation rules: an outermost call
 * notes which strings are left of the previous one (freed as this one
 * returns, so a result of the previous call may be an argument of this
 * one, or be read by its host functions); a nested one (from a host
 * function) sets the floor of scope_exit's marks to the strings alive now,
 * so its wasm code cannot free those of the frames below it. The caller
 * makes its argument strings after this. Returns the floor to restore. */
static size_t activation_begin(it_context *context)
{
    size_t floor = context->refs.young_floor;
    if (context->depth == 0) {
        context->call_base = context->refs.young_count;
        if (context->pending_status != IT_OK || context->pending_message)
            clear_pending(context);
    }
    context->refs.young_floor = context->refs.young_count;
    context->depth++;
    return floor;
}

static void activation_end(it_context *context, size_t floor)
{
    context->refs.young_floor = floor;
    /* Usually nothing to free: skip the call (this is on every call). */
    if (--context->depth == 0 && context->call_base)
        refs_sweep(&context->refs, context->call_base);
}

/* Turns a failed wrt call into the context's error, naming `label`. */
static it_status call_failed(it_context *context, const char *label,
                             wrt_status status)
{
    if (context->pending_status != IT_OK) {
        it_status pending = context->pending_status;
        char *message = context->pending_message;
        context->pending_message = NULL;
        context->pending_status = IT_OK;
        if (context->pending_verbatim) {
            /* A host function's failure passes through unchanged. */
            set_message(context, pending, message);
            return pending;
        }
        context_fail(context, pending, "%s: %s", label, message ? message : OUT_OF_MEMORY);
        free(message);
        return pending;
    }
    const wrt_error *error = wrt_store_error(context->store);
    return context_fail(context, status_of_wrt(error, IT_ERR_TRAP), "%s: %s", label, error->message);
}

/* Whether a value of this kind needs no check beyond its tag: its C type
 * holds only valid values (not strings, chars, enums, flags, aggregates). */
static inline bool kind_is_plain(it_type kind)
{
    return kind <= IT_F64 || kind == IT_I32 || kind == IT_I64;
}

/* Writes IT value `value` into the 8-byte cell of its lowered core type
 * (strings and aggregates: a NULL externref, set by the caller). On every
 * call's path. */
static inline void lower(const it_value *value, wrt_raw *cell)
{
    switch (value->type) {
    case IT_U1: cell->i32 = value->of.u1 ? 1 : 0; break;
    case IT_S8: cell->i32 = value->of.s8; break;
    case IT_U8: cell->i32 = value->of.u8; break;
    case IT_S16: cell->i32 = value->of.s16; break;
    case IT_U16: cell->i32 = value->of.u16; break;
    case IT_S32: cell->i32 = value->of.s32; break;
    case IT_U32: cell->i32 = (int32_t)value->of.u32; break;
    case IT_I32: cell->i32 = value->of.i32; break;
    case IT_S64: cell->i64 = value->of.s64; break;
    case IT_U64: cell->i64 = (int64_t)value->of.u64; break;
    case IT_I64: cell->i64 = value->of.i64; break;
    case IT_F32: cell->f32 = value->of.f32; break;
    case IT_F64: cell->f64 = value->of.f64; break;
    case IT_CHAR: cell->i32 = (int32_t)value->of.code_point; break;
    case IT_ENUM: cell->i32 = (int32_t)value->of.case_index; break;
    case IT_FLAGS: cell->i32 = (int32_t)value->of.flags; break;
    default: cell->externref = NULL; break;
    }
}

/* lift's cases beyond the plain numbers (strings, chars, enums, flags,
 * aggregates): out of line, so that the numbers' path stays small. */
static __attribute__((noinline)) bool lift_checked(const ref_table *refs, const it_typedesc *type,
                                                   const wrt_raw *cell, it_value *out, char *why, size_t why_size)
{
    it_type kind = type->kind;
    switch (kind) {
    case IT_STRING: {
        const host_string *string = refs_get(refs, cell->externref, REF_STRING);
        if (!string) {
            snprintf(why, why_size, "is not a string (it is %s)", refs_describe(refs, cell->externref));
            return false;
        }
        out->of.string.data = string->data;
        out->of.string.size = string->size;
        return true;
    }
    case IT_CHAR: {
        uint32_t code = (uint32_t)cell->i32;
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
            snprintf(why, why_size, "is not a char: %u (0x%x) is not a Unicode scalar value", code, code);
            return false;
        }
        out->of.code_point = code;
        return true;
    }
    case IT_ENUM: {
        uint32_t index = (uint32_t)cell->i32;
        if (index >= type->member_count) {
            char text[96];
            it_typedesc_text(type, text, sizeof text);
            snprintf(why, why_size, "is not a case of %s: %u (it has %zu)", text, index, type->member_count);
            return false;
        }
        out->of.case_index = index;
        return true;
    }
    case IT_FLAGS:
        /* Bits past the last flag are ignored, as the canonical ABI does. */
        out->of.flags = (uint32_t)cell->i32 &
                        (type->member_count >= 32 ? UINT32_MAX : (UINT32_C(1) << type->member_count) - 1);
        return true;
    default: {
        const host_value *value = refs_get(refs, cell->externref, REF_VALUE);
        if (!value || !iface_same_type(value->type, type)) {
            char text[96], other[96];
            it_typedesc_text(type, text, sizeof text);
            if (value) it_typedesc_text(value->type, other, sizeof other);
            snprintf(why, why_size, "is not a value of type %s (it is %s%s)", text,
                     value ? "a value of type " : refs_describe(refs, cell->externref), value ? other : "");
            return false;
        }
        *out = value->root;
        return true;
    }
    }
}

/* Lifts the core value in `cell` to IT type `type` (an i32's upper bytes
 * are not read). The adapter is untrusted: false, with what is wrong in
 * `why` ("is not a string (it is null)"), if the value is not of the type. */
static inline bool lift(const ref_table *refs, const it_typedesc *type, const wrt_raw *cell,
                        it_value *out, char *why, size_t why_size)
{
    it_type kind = type->kind;
    out->type = kind;
    switch (kind) {
    case IT_U1: out->of.u1 = cell->i32 != 0; return true;
    case IT_S8: out->of.s8 = (int8_t)cell->i32; return true;
    case IT_U8: out->of.u8 = (uint8_t)cell->i32; return true;
    case IT_S16: out->of.s16 = (int16_t)cell->i32; return true;
    case IT_U16: out->of.u16 = (uint16_t)cell->i32; return true;
    case IT_S32: out->of.s32 = cell->i32; return true;
    case IT_U32: out->of.u32 = (uint32_t)cell->i32; return true;
    case IT_I32: out->of.i32 = cell->i32; return true;
    case IT_S64: out->of.s64 = cell->i64; return true;
    case IT_U64: out->of.u64 = (uint64_t)cell->i64; return true;
    case IT_I64: out->of.i64 = cell->i64; return true;
    case IT_F32: out->of.f32 = cell->f32; return true;
    case IT_F64: out->of.f64 = cell->f64; return true;
    default: return lift_checked(refs, type, cell, out, why, why_size);
    }
}

bool cell_lift(const ref_table *refs, const it_typedesc *type, const wrt_raw *cell, it_value *out, char *why,
               size_t why_size)
{
    return lift(refs, type, cell, out, why, why_size);
}

void cell_lower(const it_value *value, wrt_raw *cell)
{
    lower(value, cell);
}

static const char *plural(size_t count) { return count == 1 ? "" : "s"; }

/* Checks value `index` (1-based) of kind `noun` ("argument") of `label`
 * ("fizz.isFizz") given from C against `type`, to its leaves, and adds the
 * room its copy takes to *size. Its name, "fizz.isFizz: argument 1", is
 * formatted only when needed: this runs on every call. */
static it_status check_value(it_context *context, const char *label,
                             const char *noun, size_t index, const it_typedesc *type,
                             const it_value *value, value_size *size)
{
    value_failure failure;
    if (value_check(type, value, size, &failure)) return IT_OK;
    return context_fail(context, failure.status, "%s: %s %zu%s %s", label, noun, index,
                        value_failure_path(&failure), failure.what);
}

/* The externref for a checked string or aggregate value: a new reference
 * to a copy; NULL if out of memory. */
void *cell_reference(ref_table *refs, const it_typedesc *type, const it_value *value, const value_size *size)
{
    if (type->kind == IT_STRING)
        return refs_new_string(refs, value->of.string.data, value->of.string.size);
    host_value *copy = value_copy(type, value, size);
    return copy ? refs_new_value(refs, copy) : NULL;
}

/* The checks of it_call that fail, with their messages (its cold path). */
static it_status call_count_failure(const it_func *func, size_t arg_count,
                                    const it_value *args, size_t result_count,
                                    const it_value *results)
{
    it_context *context = func->component->context;
    const it_signature *sig = func->signature;
    char text[256];
    iface_signature_text(sig, text, sizeof text);
    if (arg_count != sig->param_count || (arg_count && !args))
        return context_fail(context, IT_ERR_TYPE,
                            "%s expects %zu argument%s %s, got %zu%s",
                            func->label, sig->param_count,
                            plural(sig->param_count), text, arg_count,
                            arg_count && !args ? " (NULL array)" : "");
    return context_fail(context, IT_ERR_TYPE,
                        "%s returns %zu result%s %s, but room for %zu was given%s",
                        func->label, sig->result_count,
                        plural(sig->result_count), text, result_count,
                        result_count && !results ? " (NULL array)" : "");
}

/* Lowers the (checked) arguments straight into the adapter export's raw
 * cells, calls it with wrt_func_call_raw (the cell count and types were
 * fixed when the export was looked up: its core type is the lowered IT
 * signature, adapter_check), and lifts the results from the same cells. */
/* it_call of a function whose values are all plain numbers (func->plain):
 * nothing to check but the tags, no references to make, size or sweep. A
 * wrong tag goes the general way, which reports it. */
static it_status call_general(it_func *func, const it_value *args, size_t arg_count, it_value *results,
                              size_t result_count);

static it_status call_plain(it_func *func, const it_value *args, it_value *results)
{
    it_context *context = func->component->context;
    const it_signature *sig = func->signature;
    wrt_raw cells[STACK_VALUES];
    for (size_t i = 0; i < sig->param_count; i++) {
        if (__builtin_expect(args[i].type != sig->params[i], 0))
            return call_general(func, args, sig->param_count, results, sig->result_count);
        lower(&args[i], &cells[i]);
    }
    size_t floor = activation_begin(context);
    wrt_status ws = wrt_func_call_raw(context->store, func->raw, cells, func->cell_count);
    activation_end(context, floor);
    if (ws) return call_failed(context, func->label, ws);
    for (size_t i = 0; i < sig->result_count; i++) {
        char why[1];
        (void)lift(&context->refs, sig->result_types[i], &cells[i], &results[i], why, sizeof why);
    }
    return IT_OK;
}

it_status it_call(it_func *func, const it_value *args, size_t arg_count,
                  it_value *results, size_t result_count)
{
    const it_signature *sig = func->signature;
    if (__builtin_expect(arg_count != sig->param_count ||
                         result_count != sig->result_count ||
                         (arg_count && !args) || (result_count && !results), 0))
        return call_count_failure(func, arg_count, args, result_count, results);
    return func->plain ? call_plain(func, args, results) : call_general(func, args, arg_count, results, result_count);
}

/* it_call of any signature. */
static __attribute__((noinline)) it_status call_general(it_func *func, const it_value *args, size_t arg_count,
                                                        it_value *results, size_t result_count)
{
    it_context *context = func->component->context;
    const it_signature *sig = func->signature;
    /* The room each argument's copy takes (aggregates), measured by the check. */
    value_size stack_sizes[STACK_VALUES];
    value_size *sizes = arg_count <= STACK_VALUES ? stack_sizes : calloc(arg_count, sizeof *sizes);
    if (!sizes) return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    for (size_t i = 0; i < arg_count; i++) {
        /* Only a wrong tag or a kind with more to check needs check_value
         * (and only those need a size: strings and aggregates) */
        if (args[i].type == sig->params[i] && kind_is_plain(args[i].type)) continue;
        sizes[i] = (value_size){0, 0};
        it_status status = check_value(context, func->label, "argument", i + 1,
                                       sig->param_types[i], &args[i], &sizes[i]);
        if (status) {
            if (sizes != stack_sizes) free(sizes);
            return status;
        }
    }

    wrt_raw stack_cells[STACK_VALUES];
    wrt_raw *cells = func->cell_count <= STACK_VALUES
                         ? stack_cells
                         : malloc(func->cell_count * sizeof *cells);
    if (!cells) {
        if (sizes != stack_sizes) free(sizes);
        return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    }
    it_status status = IT_OK;
    size_t floor = activation_begin(context);
    for (size_t i = 0; i < arg_count; i++) {
        lower(&args[i], &cells[i]);
        if (iface_lowered(args[i].type) == WRT_EXTERNREF) {
            cells[i].externref = cell_reference(&context->refs, sig->param_types[i], &args[i], &sizes[i]);
            if (!cells[i].externref) {
                status = context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
                break;
            }
        }
    }
    if (!status) {
        wrt_status ws = wrt_func_call_raw(context->store, func->raw, cells,
                                          func->cell_count);
        if (ws) status = call_failed(context, func->label, ws);
    }
    activation_end(context, floor);
    for (size_t i = 0; !status && i < result_count; i++) {
        char why[300];
        if (!lift(&context->refs, sig->result_types[i], &cells[i], &results[i], why, sizeof why))
            status = context_fail(context, IT_ERR_TRAP, "%s: result %zu %s", func->label, i + 1, why);
    }
    if (cells != stack_cells) free(cells);
    if (sizes != stack_sizes) free(sizes);
    return status;
}

/* The raw wrt callback for an import served by a C host function: lifts
 * the arguments from the cells, calls it, checks its results and lowers
 * them into the cells. Failures are traps whose reason is kept as the
 * context's pending error. */
static wrt_status host_trampoline(const wrt_host_call *call, wrt_raw *cells)
{
    host_binding *binding = call->user;
    it_context *context = binding->context;
    const it_signature *sig = binding->import;
    it_value stack_args[STACK_VALUES], stack_results[STACK_VALUES];
    it_value *args = sig->param_count <= STACK_VALUES
                         ? stack_args
                         : malloc(sig->param_count * sizeof *args);
    it_value *results = sig->result_count <= STACK_VALUES
                            ? stack_results
                            : malloc(sig->result_count * sizeof *results);
    char *message = NULL;
    it_status status = IT_OK;
    bool verbatim = false;
    if (!args || !results) {
        status = IT_ERR_NO_MEMORY;
        message = text_format("%s: %s", binding->label, OUT_OF_MEMORY);
        goto done;
    }
    for (size_t i = 0; i < sig->param_count; i++) {
        char why[300];
        if (!lift(&context->refs, sig->param_types[i], &cells[i], &args[i], why, sizeof why)) {
            status = IT_ERR_TRAP;
            message = text_format("%s: argument %zu %s", binding->label, i + 1, why);
            goto done;
        }
    }
    for (size_t i = 0; i < sig->result_count; i++) {
        memset(&results[i], 0, sizeof results[i]);
        results[i].type = sig->results[i];
    }
    it_host_call host_call = {context, sig, binding->user};
    uint64_t serial = context->error_serial;
    status = binding->callback(&host_call, args, results);
    if (status) {
        /* Passed through unchanged (see it_host_func). */
        message = serial != context->error_serial
                      ? text_copy(context->error.message)
                      : text_format("%s: the host function failed with status %s",
                                    binding->label, it_status_message(status));
        verbatim = true;
        goto done;
    }
    for (size_t i = 0; i < sig->result_count; i++) {
        uint64_t before = context->error_serial;
        value_size size = {0, 0};
        status = check_value(context, binding->label, "the host function's result",
                             i + 1, sig->result_types[i], &results[i], &size);
        if (status) {
            message = before != context->error_serial ? text_copy(context->error.message)
                                                      : NULL;
            goto done;
        }
        lower(&results[i], &cells[i]);
        if (iface_lowered(sig->results[i]) == WRT_EXTERNREF) {
            cells[i].externref = cell_reference(&context->refs, sig->result_types[i], &results[i], &size);
            if (!cells[i].externref) {
                status = IT_ERR_NO_MEMORY;
                message = text_format("%s: %s", binding->label, OUT_OF_MEMORY);
                goto done;
            }
        }
    }
done:
    if (args != stack_args) free(args);
    if (results != stack_results) free(results);
    if (!status) return WRT_OK;
    context_set_pending(context, status, message ? message : OUT_OF_MEMORY);
    context->pending_verbatim = verbatim;
    wrt_status trap = wrt_host_trap(call, message ? message : OUT_OF_MEMORY);
    free(message);
    return trap;
}

it_status it_host_fail(const it_host_call *call, const char *message)
{
    return context_fail(call->context, IT_ERR_HOST, "%s", message ? message : "");
}

/* ------------------------------------------------------------ instantiate */

static const definition *find_definition(const it_context *context,
                                         const it_signature *import)
{
    for (size_t i = context->definition_count; i-- > 0;) {
        const definition *def = &context->definitions[i];
        if (strcmp(def->module, import->module) != 0) continue;
        if (def->kind == DEFINE_COMPONENT || strcmp(def->name, import->name) == 0)
            return def;
    }
    return NULL;
}

static it_func *component_find(const it_component *component, const char *name)
{
    const it_signature *signature = it_adapter_find_export(component->adapter, name);
    return signature ? &component->funcs[signature - component->adapter->interface.exports] : NULL;
}

/* The wrt function that serves `import` of `component`, from the context's
 * definitions. */
static it_status resolve_import(it_component *component,
                                const it_signature *import, wrt_func **out)
{
    it_context *context = component->context;
    const it_adapter *adapter = component->adapter;
    const char *file = adapter->file, *name = adapter->interface.component;
    char wanted[256], given[256];
    iface_signature_text(import, wanted, sizeof wanted);
    const definition *def = find_definition(context, import);
    if (!def)
        return context_fail(context, IT_ERR_MISSING_IMPORT,
                            "%s: %s imports %s.%s, which was not provided", file,
                            name, import->module, import->name);
    if (def->kind == DEFINE_COMPONENT) {
        const it_component *provider = def->component;
        const it_func *func = component_find(provider, import->name);
        const char *provider_name = provider->adapter->interface.component;
        if (!func)
            return context_fail(context, IT_ERR_MISSING_IMPORT,
                                "%s: %s imports %s.%s, but component %s (given as "
                                "'%s') has no export %s",
                                file, name, import->module, import->name,
                                provider_name, def->module, import->name);
        iface_signature_text(func->signature, given, sizeof given);
        if (!iface_same_signature(func->signature, import))
            return context_fail(context, IT_ERR_IMPORT_TYPE,
                                "%s: %s imports %s.%s as %s, but component %s "
                                "exports %s as %s",
                                file, name, import->module, import->name, wanted,
                                provider_name, import->name, given);
        *out = func->raw;
        return IT_OK;
    }
    if (def->kind == DEFINE_FUNC) {
        iface_signature_text(def->func->signature, given, sizeof given);
        if (!iface_same_signature(def->func->signature, import))
            return context_fail(context, IT_ERR_IMPORT_TYPE,
                                "%s: %s imports %s.%s as %s, but the function given "
                                "is %s %s",
                                file, name, import->module, import->name, wanted,
                                def->func->label, given);
        *out = def->func->raw;
        return IT_OK;
    }
    iface_signature_text(&def->signature, given, sizeof given);
    if (!def->any_signature && !iface_same_signature(&def->signature, import))
        return context_fail(context, IT_ERR_IMPORT_TYPE,
                            "%s: %s imports %s.%s as %s, but the host function "
                            "defined for it is %s",
                            file, name, import->module, import->name, wanted, given);
    host_binding *binding = calloc(1, sizeof *binding);
    if (binding)
        binding->label = text_format("%s import %s.%s", name, import->module,
                                     import->name);
    if (!binding || !binding->label ||
        !array_push(&component->bindings, &component->binding_count,
                    &component->binding_capacity, sizeof binding, &binding)) {
        if (binding) free(binding->label);
        free(binding);
        return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    }
    binding->context = context;
    binding->import = import;
    binding->callback = def->callback;
    binding->user = def->user;
    /* The import's lowered core type (sized by the input: on the heap). */
    size_t count = import->param_count + import->result_count;
    wrt_valtype *types = malloc((count ? count : 1) * sizeof *types);
    if (!types) return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    for (size_t i = 0; i < import->param_count; i++) types[i] = iface_lowered(import->params[i]);
    for (size_t i = 0; i < import->result_count; i++)
        types[import->param_count + i] = iface_lowered(import->results[i]);
    wrt_functype type = {import->param_count, types, import->result_count, types + import->param_count};
    wrt_status status = wrt_func_new_raw(context->store, &type, host_trampoline, binding, out);
    free(types);
    if (status)
        return context_fail(context, IT_ERR_NO_MEMORY, "%s: %s", file,
                            wrt_store_error(context->store)->message);
    return IT_OK;
}

/* Builds the imports, instantiates the adapter and fills the component's
 * exports (no wasm code runs). */
static it_status component_link(it_component *component)
{
    it_context *context = component->context;
    const it_adapter *adapter = component->adapter;
    it_status status = IT_OK;
    wrt_imports *imports = wrt_imports_new();
    if (!imports) return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    wrt_func *runtime[RUNTIME_COUNT];
    status = runtime_create(component, runtime);
    for (int i = 0; !status && i < RUNTIME_COUNT; i++) {
        wrt_extern object = {WRT_EXTERN_FUNC, {.func = runtime[i]}};
        if (wrt_imports_define(imports, name_of("_it_runtime"),
                               name_of(runtime_name((runtime_id)i)), object))
            status = context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    }
    for (size_t i = 0; !status && i < adapter->interface.import_count; i++) {
        const it_signature *import = &adapter->interface.imports[i];
        wrt_extern object = {WRT_EXTERN_FUNC, {.func = NULL}};
        status = resolve_import(component, import, &object.of.func);
        if (!status &&
            wrt_imports_define(imports, name_of(import->module),
                               name_of(import->name), object))
            status = context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    }
    if (!status && wrt_instance_new(context->store, adapter->module, imports,
                                    &component->instance)) {
        const wrt_error *error = wrt_store_error(context->store);
        status = status_of_wrt(error, error->status == WRT_TRAP ? IT_ERR_TRAP : IT_ERR_ADAPTER);
        context_fail(context, status, "%s: cannot instantiate the adapter: %s",
                     adapter->file, error->message);
    }
    wrt_imports_delete(imports);
    if (status) return status;

    wrt_extern object;
    if (wrt_instance_export(component->instance, name_of("_it_memory"), &object) == WRT_OK &&
        object.kind == WRT_EXTERN_MEMORY)
        component->memory = object.of.memory;
    /* Each table only with its element type: what the runtime functions
     * read from them is then a function, or a reference, as they expect. */
    if (wrt_instance_export(component->instance, name_of("_it_table"), &object) == WRT_OK &&
        object.kind == WRT_EXTERN_TABLE && wrt_table_type(object.of.table).element == WRT_FUNCREF)
        component->table = object.of.table;
    if (wrt_instance_export(component->instance, name_of("_it_refs"), &object) == WRT_OK &&
        object.kind == WRT_EXTERN_TABLE && wrt_table_type(object.of.table).element == WRT_EXTERNREF)
        component->refs_table = object.of.table;
    size_t count = adapter->interface.export_count;
    component->funcs = calloc(count ? count : 1, sizeof *component->funcs);
    if (!component->funcs) return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    for (size_t i = 0; i < count; i++) {
        it_func *func = &component->funcs[i];
        func->component = component;
        func->signature = &adapter->interface.exports[i];
        func->label = text_format("%s.%s", adapter->interface.component,
                                  func->signature->name);
        if (!func->label ||
            wrt_instance_export(component->instance, name_of(func->signature->name),
                                &object) ||
            object.kind != WRT_EXTERN_FUNC)
            return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
        func->raw = object.of.func;
        func->cell_count = wrt_func_raw_count(func->raw);
        const it_signature *sig = func->signature;
        func->plain = func->cell_count <= STACK_VALUES;
        for (size_t k = 0; k < sig->param_count; k++) func->plain &= kind_is_plain(sig->params[k]);
        for (size_t k = 0; k < sig->result_count; k++) func->plain &= kind_is_plain(sig->results[k]);
    }
    return IT_OK;
}

it_status it_instantiate(it_context *context, const it_adapter *adapter,
                         it_component **out)
{
    *out = NULL;
    if (!adapter || adapter->context != context)
        return context_fail(context, IT_ERR_ARGUMENT,
                            "it_instantiate: the adapter must belong to this context");
    it_component *component = calloc(1, sizeof *component);
    if (!component ||
        !array_push(&context->components, &context->component_count,
                    &context->component_capacity, sizeof component, &component)) {
        free(component);
        return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    }
    /* From here the context owns the component, even if it fails: its
     * objects may already be referenced from the store. */
    component->context = context;
    component->adapter = adapter;
    it_status status = component_link(component);
    if (status) return status;

    wrt_extern init;
    if (wrt_instance_export(component->instance, name_of("_it_init"), &init))
        return context_fail(context, IT_ERR_ADAPTER, "%s has no _it_init export",
                            adapter->file);
    char *label = text_format("%s._it_init", adapter->interface.component);
    if (!label) return context_fail(context, IT_ERR_NO_MEMORY, "%s", OUT_OF_MEMORY);
    size_t floor = activation_begin(context);
    wrt_status ws = wrt_func_call(context->store, init.of.func, NULL, 0, NULL, 0);
    activation_end(context, floor);
    if (ws) status = call_failed(context, label, ws);
    free(label);
    if (status) return status;
    *out = component;
    return IT_OK;
}

it_status it_load(it_context *context, const char *path, it_component **out)
{
    it_adapter *adapter;
    *out = NULL;
    it_status status = it_adapter_load(context, path, &adapter);
    if (status) return status;
    return it_instantiate(context, adapter, out);
}

const it_adapter *it_component_adapter(const it_component *component)
{
    return component->adapter;
}

it_status it_component_func(const it_component *component, const char *name,
                            it_func **out)
{
    *out = name ? component_find(component, name) : NULL;
    if (*out) return IT_OK;
    return context_fail(component->context, IT_ERR_NOT_FOUND,
                        "%s has no export %s", component->adapter->interface.component,
                        name ? name : "(NULL)");
}

const it_signature *it_func_signature(const it_func *func)
{
    return func->signature;
}
