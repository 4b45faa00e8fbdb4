/* it_names.h: typed C bindings of component names (names.itl), written by itlc --emit-header: its
 * exports looked up once by names_bind, and one function per export over it_call, taking
 * and giving C values (docs/loader.md, "Typed C bindings"). Strings and constructed
 * values it hands out are borrowed as it_call's results are (OWNERSHIP in it_loader.h). */
#ifndef IT_BINDINGS_NAMES_H
#define IT_BINDINGS_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "it_loader.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef IT_BINDINGS_COMMON_1
#define IT_BINDINGS_COMMON_1
/* What a generated header expects of a parameter or result: its kind and,
 * for an enum or flags, its labels in order. */
typedef struct it_bindings_type {
    it_type kind;
    size_t label_count;
    const char *const *labels;
} it_bindings_type;

static inline bool it_bindings_same_type(const it_typedesc *type, const it_bindings_type *expected)
{
    size_t i;
    if (!type || type->kind != expected->kind)
        return false;
    if (expected->kind != IT_ENUM && expected->kind != IT_FLAGS)
        return true;
    if (type->member_count != expected->label_count)
        return false;
    for (i = 0; i < expected->label_count; i++)
        if (strcmp(type->members[i].label, expected->labels[i]) != 0)
            return false;
    return true;
}

/* Whether an export's signature has the kinds (and enum and flags labels)
 * a generated header was written for. */
static inline bool it_bindings_same_signature(const it_signature *signature, const it_bindings_type *params,
                                              size_t param_count, const it_bindings_type *results,
                                              size_t result_count)
{
    size_t i;
    if (signature->param_count != param_count || signature->result_count != result_count)
        return false;
    for (i = 0; i < param_count; i++)
        if (!it_bindings_same_type(signature->param_types[i], &params[i]))
            return false;
    for (i = 0; i < result_count; i++)
        if (!it_bindings_same_type(signature->result_types[i], &results[i]))
            return false;
    return true;
}

/* A NUL-terminated C string as an it_string (its bytes up to the NUL). */
static inline it_string it_bindings_string(const char *text)
{
    it_string string;
    string.data = text;
    string.size = strlen(text);
    return string;
}
#endif

/* ---- types */

/* Point: (record (field z u8)): an it_value; field i is of.list.items[i] */
#define NAMES_POINT_Z 0

/* array: (enum a b) */
typedef enum names_array_t {
    NAMES_ARRAY_A = 0,
    NAMES_ARRAY_B = 1,
} names_array_t;

/* uint8-array: (flags read write): bit i is flag i */
typedef uint32_t names_uint8_array_t;
#define NAMES_UINT8_ARRAY_READ UINT32_C(0x1)
#define NAMES_UINT8_ARRAY_WRITE UINT32_C(0x2)

/* names-exports: (enum x) */
typedef enum names_names_exports_t {
    NAMES_NAMES_EXPORTS_X = 0,
} names_names_exports_t;

/* odd: (enum *\/ ?\?= é a-b a_b it's \q) */
typedef enum names_odd_t {
    NAMES_ODD_0 = 0,
    NAMES_ODD_1 = 1,
    NAMES_ODD_2 = 2,
    NAMES_ODD_A_B = 3,
    NAMES_ODD_A_B_2 = 4,
    NAMES_ODD_IT_S = 5,
    NAMES_ODD_Q = 6,
} names_odd_t;

/* _2d: (variant (case none) (case some-thing u64)): an it_value; of.variant.index is the case */
#define NAMES_2D_NONE 0
#define NAMES_2D_SOME_THING 1

/* (enum x y) */
typedef enum names_type18_t {
    NAMES_TYPE18_X = 0,
    NAMES_TYPE18_Y = 1,
} names_type18_t;

/* (flags f g): bit i is flag i */
typedef uint32_t names_type19_t;
#define NAMES_TYPE19_F UINT32_C(0x1)
#define NAMES_TYPE19_G UINT32_C(0x2)

/* point: (record (field x f64) (field y-pos f64) (field class string) (field it's (option u8))): an it_value; field i is of.list.items[i] */
#define NAMES_POINT_2_X 0
#define NAMES_POINT_2_Y_POS 1
#define NAMES_POINT_2_CLASS 2
#define NAMES_POINT_2_IT_S 3

/* ---- imports: define each on the context before it_instantiate (it_define_host,
 * it_define_host_any for constructed types, it_define_component, it_define_func):
 *   b (func "one" (param point) (result res-ok))
 *   b (func "delete" (param s64))
 *   a:x/y (func "two-words" (param (list bool)) (result u64 (tuple char maybe)))
 */

/* ---- exports */

/* The exports, filled by names_bind. */
typedef struct names_exports {
    it_func *is_fizz;
    it_func *delete_;
    it_func *bind;
    it_func *exports;
    it_func *int_;
    it_func *_2x;
    it_func *a_b;
    it_func *a_b_2;
    it_func *export8;
    it_func *n_code;
    it_func *p;
    it_func *empty;
    it_func *errOnly;
    it_func *okOnly;
    it_func *nested;
    const char *mismatch; /* after names_bind failed with IT_ERR_TYPE: the export whose signature
                             is not this header's */
} names_exports;

/* Looks every export of the component up once, into *exports. IT_ERR_NOT_FOUND (message on
 * the context) for an export it lacks; IT_ERR_TYPE, with exports->mismatch naming the export,
 * if one's signature is not this header's: rebuild the header from the component's ITL. */
static inline IT_MUST_USE it_status names_bind(const it_component *component, names_exports *exports)
{
    static const char *const labels_6[] = { "a", "b" };
    static const char *const labels_7[] = { "read", "write" };
    static const char *const labels_8[] = { "x" };
    static const char *const labels_9[] = { "*/", "\?\?=", "\303\251", "a-b", "a_b", "it's", "\\q" };
    static const char *const labels_18[] = { "x", "y" };
    static const char *const labels_19[] = { "f", "g" };
    static const it_bindings_type signature_0[] = { { IT_S32, 0, NULL }, { IT_BOOL, 0, NULL } };
    static const it_bindings_type signature_1[] = { { IT_U64, 0, NULL }, { IT_S64, 0, NULL } };
    static const it_bindings_type signature_2[] = { { IT_RECORD, 0, NULL }, { IT_ENUM, 2, labels_6 } };
    static const it_bindings_type signature_3[] = { { IT_FLAGS, 2, labels_7 }, { IT_FLAGS, 2, labels_7 } };
    static const it_bindings_type signature_4[] = { { IT_ENUM, 1, labels_8 }, { IT_ENUM, 7, labels_9 }, { IT_ENUM, 7, labels_9 } };
    static const it_bindings_type signature_5[] = { { IT_VARIANT, 0, NULL }, { IT_VARIANT, 0, NULL } };
    static const it_bindings_type signature_6[] = { { IT_OPTION, 0, NULL }, { IT_OPTION, 0, NULL } };
    static const it_bindings_type signature_7[] = { { IT_OPTION, 0, NULL }, { IT_OPTION, 0, NULL } };
    static const it_bindings_type signature_8[] = { { IT_ENUM, 2, labels_18 }, { IT_FLAGS, 2, labels_19 }, { IT_ENUM, 2, labels_18 } };
    static const it_bindings_type signature_9[] = { { IT_LIST, 0, NULL }, { IT_LIST, 0, NULL }, { IT_LIST, 0, NULL }, { IT_LIST, 0, NULL } };
    static const it_bindings_type signature_10[] = { { IT_U8, 0, NULL }, { IT_U16, 0, NULL }, { IT_S16, 0, NULL }, { IT_S8, 0, NULL }, { IT_I32, 0, NULL }, { IT_I64, 0, NULL }, { IT_F32, 0, NULL }, { IT_STRING, 0, NULL }, { IT_CHAR, 0, NULL }, { IT_U8, 0, NULL } };
    static const it_bindings_type signature_11[] = { { IT_RESULT, 0, NULL } };
    static const it_bindings_type signature_12[] = { { IT_RESULT, 0, NULL } };
    static const it_bindings_type signature_13[] = { { IT_RESULT, 0, NULL } };
    static const it_bindings_type signature_14[] = { { IT_TUPLE, 0, NULL }, { IT_RESULT, 0, NULL } };
    it_status status;
    exports->mismatch = NULL;
    if ((status = it_component_func(component, "is-fizz", &exports->is_fizz)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->is_fizz), signature_0, 1, signature_0 + 1, 1)) {
        exports->mismatch = "is-fizz";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "delete", &exports->delete_)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->delete_), signature_1, 1, signature_1 + 1, 1)) {
        exports->mismatch = "delete";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "bind", &exports->bind)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->bind), signature_2, 1, signature_2 + 1, 1)) {
        exports->mismatch = "bind";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "exports", &exports->exports)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->exports), signature_3, 1, signature_3 + 1, 1)) {
        exports->mismatch = "exports";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "int", &exports->int_)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->int_), signature_4, 2, signature_4 + 2, 1)) {
        exports->mismatch = "int";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "2x", &exports->_2x)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->_2x), signature_5, 1, signature_5 + 1, 1)) {
        exports->mismatch = "2x";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "a b", &exports->a_b)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->a_b), signature_6, 1, signature_6 + 1, 1)) {
        exports->mismatch = "a b";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "a_b", &exports->a_b_2)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->a_b_2), signature_7, 1, signature_7 + 1, 1)) {
        exports->mismatch = "a_b";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "*/\?\?=", &exports->export8)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->export8), signature_8, 2, signature_8 + 2, 1)) {
        exports->mismatch = "*/\?\?=";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "\303\274n\303\257code", &exports->n_code)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->n_code), signature_9, 4, NULL, 0)) {
        exports->mismatch = "\303\274n\303\257code";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "p", &exports->p)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->p), signature_10, 7, signature_10 + 7, 3)) {
        exports->mismatch = "p";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "empty", &exports->empty)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->empty), NULL, 0, signature_11, 1)) {
        exports->mismatch = "empty";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "errOnly", &exports->errOnly)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->errOnly), NULL, 0, signature_12, 1)) {
        exports->mismatch = "errOnly";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "okOnly", &exports->okOnly)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->okOnly), NULL, 0, signature_13, 1)) {
        exports->mismatch = "okOnly";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "nested", &exports->nested)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->nested), signature_14, 1, signature_14 + 1, 1)) {
        exports->mismatch = "nested";
        return IT_ERR_TYPE;
    }
    return IT_OK;
}

/* (func "is-fizz" (param s32) (result bool)) */
static inline IT_MUST_USE it_status names_is_fizz(const names_exports *exports, int32_t arg1,
    bool *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_s32(arg1);
    status = it_call(exports->is_fizz, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.u1;
    return IT_OK;
}

/* (func "delete" (param u64) (result s64)) */
static inline IT_MUST_USE it_status names_delete(const names_exports *exports, uint64_t arguments,
    int64_t *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_u64(arguments);
    status = it_call(exports->delete_, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.s64;
    return IT_OK;
}

/* (func "bind" (param Point) (result array)) */
static inline IT_MUST_USE it_status names_bind_2(const names_exports *exports, it_value arg1,
    names_array_t *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->bind, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = (names_array_t)results[0].of.case_index;
    return IT_OK;
}

/* (func "exports" (param uint8-array) (result uint8-array)) */
static inline IT_MUST_USE it_status names_exports_2(const names_exports *exports,
    names_uint8_array_t arg1, names_uint8_array_t *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_flags(arg1);
    status = it_call(exports->exports, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.flags;
    return IT_OK;
}

/* (func "int" (param names-exports odd) (result odd)) */
static inline IT_MUST_USE it_status names_int(const names_exports *exports,
    names_names_exports_t arg1, names_odd_t arg2, names_odd_t *out)
{
    it_value args[2];
    it_value results[1];
    it_status status;
    args[0] = it_value_enum((uint32_t)arg1);
    args[1] = it_value_enum((uint32_t)arg2);
    status = it_call(exports->int_, args, 2, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = (names_odd_t)results[0].of.case_index;
    return IT_OK;
}

/* (func "2x" (param _2d) (result _2d)) */
static inline IT_MUST_USE it_status names_2x(const names_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->_2x, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "a b" (param deep) (result deep)) */
static inline IT_MUST_USE it_status names_a_b(const names_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->a_b, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "a_b" (param (option maybe)) (result (option maybe))) */
static inline IT_MUST_USE it_status names_a_b_2(const names_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->a_b_2, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "*\/?\?=" (param (enum x y) (flags f g)) (result (enum x y))) */
static inline IT_MUST_USE it_status names_export8(const names_exports *exports,
    names_type18_t arg1, names_type19_t arg2, names_type18_t *out)
{
    it_value args[2];
    it_value results[1];
    it_status status;
    args[0] = it_value_enum((uint32_t)arg1);
    args[1] = it_value_flags(arg2);
    status = it_call(exports->export8, args, 2, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = (names_type18_t)results[0].of.case_index;
    return IT_OK;
}

/* (func "ünïcode" (param (list char) (list (option u8)) (list u64) (list bool))) */
static inline IT_MUST_USE it_status names_n_code(const names_exports *exports, it_value arg1,
    it_value arg2, it_value arg3, it_value arg4)
{
    it_value args[4];
    args[0] = arg1;
    args[1] = arg2;
    args[2] = arg3;
    args[3] = arg4;
    return it_call(exports->n_code, args, 4, NULL, 0);
}

/* (func "p" (param u8 u16 s16 s8 i32 i64 f32) (result string char u8)) */
static inline IT_MUST_USE it_status names_p(const names_exports *exports, uint8_t arg1,
    uint16_t arg2, int16_t arg3, int8_t arg4, int32_t arg5, int64_t arg6, float arg7,
    it_string *out1, uint32_t *out2, uint8_t *out3)
{
    it_value args[7];
    it_value results[3];
    it_status status;
    args[0] = it_value_u8(arg1);
    args[1] = it_value_u16(arg2);
    args[2] = it_value_s16(arg3);
    args[3] = it_value_s8(arg4);
    args[4] = it_value_i32(arg5);
    args[5] = it_value_i64(arg6);
    args[6] = it_value_f32(arg7);
    status = it_call(exports->p, args, 7, results, 3);
    if (status != IT_OK)
        return status;
    if (out1)
        *out1 = results[0].of.string;
    if (out2)
        *out2 = results[1].of.code_point;
    if (out3)
        *out3 = results[2].of.u8;
    return IT_OK;
}

/* (func "empty" (result res-empty)) */
static inline IT_MUST_USE it_status names_empty(const names_exports *exports, it_value *out)
{
    it_value results[1];
    it_status status;
    status = it_call(exports->empty, NULL, 0, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "errOnly" (result res-err)) */
static inline IT_MUST_USE it_status names_errOnly(const names_exports *exports, it_value *out)
{
    it_value results[1];
    it_status status;
    status = it_call(exports->errOnly, NULL, 0, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "okOnly" (result res-ok)) */
static inline IT_MUST_USE it_status names_okOnly(const names_exports *exports, it_value *out)
{
    it_value results[1];
    it_status status;
    status = it_call(exports->okOnly, NULL, 0, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "nested" (param (tuple maybe (result maybe maybe))) (result (result point (tuple u8)))) */
static inline IT_MUST_USE it_status names_nested(const names_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->nested, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

#ifdef __cplusplus
}
#endif

#endif /* IT_BINDINGS_NAMES_H */
