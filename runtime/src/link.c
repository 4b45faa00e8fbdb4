/* link.c: the import map (wrt_imports) and import resolution with the Wasm type-matching rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instance.h"

/* One definition: module.name -> object, or module -> every export of an
 * instance (name.data == NULL). */
typedef struct import_entry {
    char *module;
    size_t module_size;
    char *name;
    size_t name_size;
    wrt_extern object;
    const wrt_instance *instance;
} import_entry;

struct wrt_imports {
    import_entry *entries;
    size_t count;
    size_t capacity;
};

wrt_imports *wrt_imports_new(void) { return calloc(1, sizeof(wrt_imports)); }

void wrt_imports_delete(wrt_imports *imports)
{
    if (!imports)
        return;
    for (size_t i = 0; i < imports->count; i++) {
        free(imports->entries[i].module);
        free(imports->entries[i].name);
    }
    free(imports->entries);
    free(imports);
}

static char *copy_bytes(wrt_name name)
{
    char *copy = malloc(name.size + 1);
    if (copy) {
        if (name.size)
            memcpy(copy, name.data, name.size);
        copy[name.size] = 0;
    }
    return copy;
}

static bool name_equals(const char *data, size_t size, wrt_name name)
{
    return size == name.size && (size == 0 || !memcmp(data, name.data, size));
}

static wrt_status imports_add(wrt_imports *imports, wrt_name module,
                              const wrt_name *name, wrt_extern object,
                              const wrt_instance *instance)
{
    if (imports->count == imports->capacity) {
        size_t capacity = imports->capacity ? imports->capacity * 2 : 16;
        import_entry *entries =
            realloc(imports->entries, capacity * sizeof *entries);
        if (!entries)
            return WRT_ERR_NO_MEMORY;
        imports->entries = entries;
        imports->capacity = capacity;
    }
    import_entry *entry = &imports->entries[imports->count];
    memset(entry, 0, sizeof *entry);
    entry->module = copy_bytes(module);
    entry->module_size = module.size;
    if (name) {
        entry->name = copy_bytes(*name);
        entry->name_size = name->size;
    }
    if (!entry->module || (name && !entry->name)) {
        free(entry->module);
        free(entry->name);
        return WRT_ERR_NO_MEMORY;
    }
    entry->object = object;
    entry->instance = instance;
    imports->count++;
    return WRT_OK;
}

wrt_status wrt_imports_define(wrt_imports *imports, wrt_name module,
                              wrt_name name, wrt_extern object)
{
    if (!object.of.func || (unsigned)object.kind > WRT_EXTERN_GLOBAL)
        return WRT_ERR_ARGUMENT;
    return imports_add(imports, module, &name, object, NULL);
}

wrt_status wrt_imports_define_instance(wrt_imports *imports, wrt_name module,
                                       const wrt_instance *instance)
{
    if (!instance)
        return WRT_ERR_ARGUMENT;
    wrt_extern none;
    memset(&none, 0, sizeof none);
    return imports_add(imports, module, NULL, none, instance);
}

/* The latest definition of module.name wins, as in a scripted registry. */
static bool imports_find(const wrt_imports *imports, wrt_name module,
                         wrt_name name, wrt_extern *out)
{
    if (!imports)
        return false;
    for (size_t i = imports->count; i-- > 0;) {
        const import_entry *entry = &imports->entries[i];
        if (!name_equals(entry->module, entry->module_size, module))
            continue;
        if (entry->instance) {
            if (wrt_instance_export(entry->instance, name, out) == WRT_OK)
                return true;
            /* A registered instance hides earlier definitions of the same
             * module name, like the spec's registry. */
            return false;
        }
        if (name_equals(entry->name, entry->name_size, name)) {
            *out = entry->object;
            return true;
        }
    }
    return false;
}

wrt_externtype link_extern_type(const wrt_extern *object)
{
    wrt_externtype type;
    memset(&type, 0, sizeof type);
    type.kind = object->kind;
    switch (object->kind) {
    case WRT_EXTERN_FUNC: type.of.func = *object->of.func->type; break;
    case WRT_EXTERN_TABLE: type.of.table = wrt_table_type(object->of.table); break;
    case WRT_EXTERN_MEMORY:
        type.of.memory = wrt_memory_type(object->of.memory);
        break;
    case WRT_EXTERN_GLOBAL:
        type.of.global = wrt_global_type(object->of.global);
        break;
    }
    return type;
}

static const wrt_store *extern_store(const wrt_extern *object)
{
    switch (object->kind) {
    case WRT_EXTERN_FUNC: return object->of.func->store;
    case WRT_EXTERN_TABLE: return object->of.table->store;
    case WRT_EXTERN_MEMORY: return object->of.memory->store;
    case WRT_EXTERN_GLOBAL: return object->of.global->store;
    }
    return NULL;
}

/* Limits subtyping: `actual` (the object's current size and maximum)
 * matches `wanted` (the import's declaration). */
static bool limits_match(wrt_limits actual, wrt_limits wanted)
{
    if (actual.min < wanted.min)
        return false;
    if (!wanted.has_max)
        return true;
    return actual.has_max && actual.max <= wanted.max;
}

wrt_status link_resolve_import(wrt_store *store, const wrt_module *module,
                               uint32_t index, const wrt_imports *imports,
                               wrt_extern *out)
{
    const wasm_import *import = &module->decoded->imports[index];
    wrt_import_desc wanted;
    wrt_module_import(module, index, &wanted);
    char module_text[100] = "", name_text[100] = "", where[210];
    value_format_name(wanted.module, module_text, sizeof module_text);
    value_format_name(wanted.name, name_text, sizeof name_text);
    snprintf(where, sizeof where, "%s.%s", module_text, name_text);

    if (!imports_find(imports, wanted.module, wanted.name, out))
        return store_fail(store, WRT_ERR_UNKNOWN_IMPORT,
                          "unknown import %s (%s)", where,
                          wrt_externkind_name(wanted.type.kind));
    if (extern_store(out) != store)
        return store_fail(store, WRT_ERR_INCOMPATIBLE_IMPORT,
                          "incompatible import type for %s: the %s belongs "
                          "to another store", where,
                          wrt_externkind_name(out->kind));

    wrt_externtype actual = link_extern_type(out);
    bool ok = actual.kind == wanted.type.kind;
    if (ok) {
        switch (actual.kind) {
        case WRT_EXTERN_FUNC:
            ok = out->of.func->signature_id ==
                 module->signature_ids[import->func_type_index];
            break;
        case WRT_EXTERN_TABLE:
            ok = actual.of.table.element == wanted.type.of.table.element &&
                 limits_match(actual.of.table.limits,
                              wanted.type.of.table.limits);
            break;
        case WRT_EXTERN_MEMORY:
            ok = limits_match(actual.of.memory.limits,
                              wanted.type.of.memory.limits);
            break;
        case WRT_EXTERN_GLOBAL:
            ok = actual.of.global.type == wanted.type.of.global.type &&
                 actual.of.global.is_mutable ==
                     wanted.type.of.global.is_mutable;
            break;
        }
    }
    if (!ok) {
        char expected[160], got[160];
        value_format_externtype(&wanted.type, expected, sizeof expected);
        value_format_externtype(&actual, got, sizeof got);
        return store_fail(store, WRT_ERR_INCOMPATIBLE_IMPORT,
                          "incompatible import type for %s: expected %s, "
                          "got %s", where, expected, got);
    }
    return WRT_OK;
}
