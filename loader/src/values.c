/* values.c: values of constructed IT types (records, lists, variants, ...)
 * as the native loader holds them: checked against their it_typedesc and
 * copied into one block, a host_value, which wasm holds as an externref
 * (refs.c, REF_VALUE) and the C host reads as an it_value tree.
 *
 * One recursion over the type does each job: value_check (is this C value
 * of this type? how much room does its copy take?) and value_copy. Types
 * nest at most IFACE_MAX_TYPE_DEPTH levels and are never recursive, so the
 * recursion is bounded by the type, whatever the value. */
#include "loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The path of a bad value, built from the leaf up as the recursion returns:
 * ".x[2]". */
static void path_prepend(value_failure *failure, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void path_prepend(value_failure *failure, const char *format, ...)
{
    char segment[96];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(segment, sizeof segment, format, args);
    va_end(args);
    if (n < 0) return;
    size_t length = strlen(segment);
    if (length > failure->path_start) return; /* too deep to say: keep the leaf end */
    failure->path_start -= length;
    memcpy(failure->path + failure->path_start, segment, length);
}

static bool value_fail(value_failure *failure, it_status status, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static bool value_fail(value_failure *failure, it_status status, const char *format, ...)
{
    failure->status = status;
    va_list args;
    va_start(args, format);
    vsnprintf(failure->what, sizeof failure->what, format, args);
    va_end(args);
    failure->path_start = sizeof failure->path - 1;
    failure->path[failure->path_start] = '\0';
    return false;
}

const char *value_failure_path(const value_failure *failure)
{
    return failure->path + failure->path_start;
}

const it_typedesc *value_case_type(const it_typedesc *type, uint32_t index, bool *valid)
{
    switch (type->kind) {
    case IT_VARIANT:
        *valid = index < type->member_count;
        return *valid ? type->members[index].type : NULL;
    case IT_OPTION:
        *valid = index < 2;
        return index == 1 ? type->members[0].type : NULL;
    case IT_RESULT:
        *valid = index < 2;
        return *valid ? type->members[index].type : NULL;
    default:
        *valid = false;
        return NULL;
    }
}

size_t value_number_size(it_type kind)
{
    switch (kind) {
    case IT_S8: case IT_U8: return 1;
    case IT_S16: case IT_U16: return 2;
    case IT_S32: case IT_U32: case IT_I32: case IT_F32: return 4;
    case IT_S64: case IT_U64: case IT_I64: case IT_F64: return 8;
    default: return 0;
    }
}

static size_t case_count(const it_typedesc *type)
{
    return type->kind == IT_VARIANT ? type->member_count : 2;
}

static bool is_scalar_value(uint32_t code)
{
    return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
}

bool value_check(const it_typedesc *type, const it_value *value, value_size *size,
                 value_failure *failure)
{
    char text[128];
    if (value->type != type->kind) {
        it_typedesc_text(type, text, sizeof text);
        const char *got = it_type_name(value->type);
        if (got) return value_fail(failure, IT_ERR_TYPE, "must be %s, got %s", text, got);
        return value_fail(failure, IT_ERR_TYPE, "must be %s, got a value of unknown type %d", text,
                          (int)value->type);
    }
    switch (type->kind) {
    case IT_STRING: {
        const it_string *string = &value->of.string;
        if (!string->data && string->size)
            return value_fail(failure, IT_ERR_ARGUMENT, "is a string of %zu bytes with a NULL pointer",
                              string->size);
        size_t bad;
        const char *why;
        if (string->size && !utf8_check((const uint8_t *)string->data, string->size, &bad, &why))
            return value_fail(failure, IT_ERR_UTF8, "is not valid UTF-8: byte %zu: %s", bad, why);
        if (string->size > SIZE_MAX / 2 - size->bytes)
            return value_fail(failure, IT_ERR_NO_MEMORY, "is too large to copy");
        size->bytes += string->size + 1;
        return true;
    }
    case IT_CHAR:
        if (!is_scalar_value(value->of.code_point))
            return value_fail(failure, IT_ERR_TYPE,
                              "must be a char (a Unicode scalar value), got %u (0x%x)",
                              value->of.code_point, value->of.code_point);
        return true;
    case IT_ENUM:
        if (value->of.case_index >= type->member_count) {
            it_typedesc_text(type, text, sizeof text);
            return value_fail(failure, IT_ERR_TYPE, "must be a case of %s (0..%zu), got %u", text,
                              type->member_count - 1, value->of.case_index);
        }
        return true;
    case IT_FLAGS:
        if (type->member_count < 32 && value->of.flags >> type->member_count) {
            it_typedesc_text(type, text, sizeof text);
            return value_fail(failure, IT_ERR_TYPE, "has bits set beyond the %zu flags of %s (0x%x)",
                              type->member_count, text, value->of.flags);
        }
        return true;
    case IT_RECORD: case IT_TUPLE: case IT_LIST: {
        size_t count = value->of.list.count;
        size_t number = type->kind == IT_LIST ? value_number_size(type->members[0].type->kind) : 0;
        if (number) {
            /* packed in the copy, from data or from items of the element's kind */
            if (count > (SIZE_MAX / 4) / number - size->bytes)
                return value_fail(failure, IT_ERR_NO_MEMORY, "is too large to copy (%zu elements)", count);
            size->bytes += count * number + 7;
            if (!value->of.list.items) {
                if (count && !value->of.list.data)
                    return value_fail(failure, IT_ERR_ARGUMENT, "has %zu elements but NULL items and data", count);
                return true;
            }
            it_type kind = type->members[0].type->kind;
            for (size_t i = 0; i < count; i++)
                if (value->of.list.items[i].type != kind) {
                    char element[32];
                    it_typedesc_text(type->members[0].type, element, sizeof element);
                    const char *got = it_type_name(value->of.list.items[i].type);
                    value_fail(failure, IT_ERR_TYPE, "must be %s, got %s", element, got ? got : "a value of unknown type");
                    path_prepend(failure, "[%zu]", i);
                    return false;
                }
            return true;
        }
        if (type->kind != IT_LIST && count != type->member_count) {
            it_typedesc_text(type, text, sizeof text);
            return value_fail(failure, IT_ERR_TYPE, "must have %zu %s (%s), got %zu", type->member_count,
                              type->kind == IT_RECORD ? "fields" : "elements", text, count);
        }
        if (count && !value->of.list.items)
            return value_fail(failure, IT_ERR_ARGUMENT, "has %zu members but a NULL items pointer", count);
        if (count > (SIZE_MAX / 2) / sizeof(it_value) - size->values)
            return value_fail(failure, IT_ERR_NO_MEMORY, "is too large to copy (%zu members)", count);
        size->values += count;
        for (size_t i = 0; i < count; i++) {
            const it_typedesc *member = type->kind == IT_LIST ? type->members[0].type : type->members[i].type;
            if (!value_check(member, &value->of.list.items[i], size, failure)) {
                if (type->kind == IT_RECORD)
                    path_prepend(failure, ".%s", type->members[i].label);
                else
                    path_prepend(failure, "[%zu]", i);
                return false;
            }
        }
        return true;
    }
    case IT_VARIANT: case IT_OPTION: case IT_RESULT: {
        bool valid;
        uint32_t index = value->of.variant.index;
        const it_typedesc *payload = value_case_type(type, index, &valid);
        if (!valid) {
            it_typedesc_text(type, text, sizeof text);
            return value_fail(failure, IT_ERR_TYPE, "must be a case of %s (0..%zu), got case %u", text,
                              case_count(type) - 1, index);
        }
        if (!payload != !value->of.variant.payload) {
            it_typedesc_text(type, text, sizeof text);
            return value_fail(failure, IT_ERR_TYPE, payload ? "case %u of %s needs a payload, got NULL"
                                                            : "case %u of %s has no payload, got one",
                              index, text);
        }
        if (!payload) return true;
        size->values += 1;
        if (!value_check(payload, value->of.variant.payload, size, failure)) {
            const char *label = type->kind == IT_OPTION ? "some" : type->kind == IT_RESULT
                                                                     ? (index ? "err" : "ok")
                                                                     : type->members[index].label;
            path_prepend(failure, ".%s", label);
            return false;
        }
        return true;
    }
    default:
        return true; /* the other primitives: the C type holds only valid values */
    }
}

/* Copies a checked value into the block: members at *values, string bytes
 * at *bytes. */
static void copy_into(const it_typedesc *type, const it_value *from, it_value *to, it_value **values,
                      char **bytes)
{
    *to = *from;
    switch (type->kind) {
    case IT_STRING: {
        size_t size = from->of.string.size;
        char *data = *bytes;
        if (size) memcpy(data, from->of.string.data, size);
        data[size] = '\0';
        *bytes += size + 1;
        to->of.string.data = data;
        return;
    }
    case IT_RECORD: case IT_TUPLE: case IT_LIST: {
        size_t count = from->of.list.count;
        size_t number = type->kind == IT_LIST ? value_number_size(type->members[0].type->kind) : 0;
        if (number) {
            uintptr_t at = ((uintptr_t)*bytes + 7) & ~(uintptr_t)7;
            uint8_t *data = (uint8_t *)at;
            *bytes = (char *)(data + count * number);
            if (from->of.list.items) {
                for (size_t i = 0; i < count; i++) memcpy(data + i * number, &from->of.list.items[i].of, number);
            } else if (count) {
                memcpy(data, from->of.list.data, count * number);
            }
            to->of.list.items = NULL;
            to->of.list.data = data;
            return;
        }
        it_value *items = *values;
        *values += count;
        to->of.list.items = count ? items : NULL;
        to->of.list.data = NULL;
        for (size_t i = 0; i < count; i++) {
            const it_typedesc *member = type->kind == IT_LIST ? type->members[0].type : type->members[i].type;
            copy_into(member, &from->of.list.items[i], &items[i], values, bytes);
        }
        return;
    }
    case IT_VARIANT: case IT_OPTION: case IT_RESULT: {
        bool valid;
        const it_typedesc *payload = value_case_type(type, from->of.variant.index, &valid);
        if (!payload) return;
        it_value *slot = (*values)++;
        copy_into(payload, from->of.variant.payload, slot, values, bytes);
        to->of.variant.payload = slot;
        return;
    }
    default:
        return;
    }
}

host_value *value_copy(const it_typedesc *type, const it_value *value, const value_size *size)
{
    size_t total = sizeof(host_value) + size->values * sizeof(it_value) + size->bytes;
    host_value *copy = malloc(total);
    if (!copy) return NULL;
    copy->type = type;
    it_value *values = copy->members;
    char *bytes = (char *)(copy->members + size->values);
    copy_into(type, value, &copy->root, &values, &bytes);
    return copy;
}
