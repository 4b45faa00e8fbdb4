/* it_rich.h: typed C bindings of component rich (rich.itl), written by itlc --emit-header: its
 * exports looked up once by rich_bind, and one function per export over it_call, taking
 * and giving C values (docs/loader.md, "Typed C bindings"). Strings and constructed
 * values it hands out are borrowed as it_call's results are (OWNERSHIP in it_loader.h). */
#ifndef IT_BINDINGS_RICH_H
#define IT_BINDINGS_RICH_H

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

/* point: (record (field x f64) (field y f64)): an it_value; field i is of.list.items[i] */
#define RICH_POINT_X 0
#define RICH_POINT_Y 1

/* person: (record (field name string) (field age u8) (field tags (list string)) (field home (option point))): an it_value; field i is of.list.items[i] */
#define RICH_PERSON_NAME 0
#define RICH_PERSON_AGE 1
#define RICH_PERSON_TAGS 2
#define RICH_PERSON_HOME 3

/* color: (enum red green blue) */
typedef enum rich_color_t {
    RICH_COLOR_RED = 0,
    RICH_COLOR_GREEN = 1,
    RICH_COLOR_BLUE = 2,
} rich_color_t;

/* perms: (flags read write exec): bit i is flag i */
typedef uint32_t rich_perms_t;
#define RICH_PERMS_READ UINT32_C(0x1)
#define RICH_PERMS_WRITE UINT32_C(0x2)
#define RICH_PERMS_EXEC UINT32_C(0x4)

/* shape: (variant (case circle f64) (case rect point) (case empty)): an it_value; of.variant.index is the case */
#define RICH_SHAPE_CIRCLE 0
#define RICH_SHAPE_RECT 1
#define RICH_SHAPE_EMPTY 2

/* odd: (record (field __proto__ u8) (field constructor string)): an it_value; field i is of.list.items[i] */
#define RICH_ODD_PROTO 0
#define RICH_ODD_CONSTRUCTOR 1

/* odd-flags: (flags constructor toString __proto__): bit i is flag i */
typedef uint32_t rich_odd_flags_t;
#define RICH_ODD_FLAGS_CONSTRUCTOR UINT32_C(0x1)
#define RICH_ODD_FLAGS_TOSTRING UINT32_C(0x2)
#define RICH_ODD_FLAGS_PROTO UINT32_C(0x4)

/* ---- imports: define each on the context before it_instantiate (it_define_host,
 * it_define_host_any for constructed types, it_define_component, it_define_func):
 *   console (func "logPoint" (param point))
 *   console (func "logAll" (param string color perms shape (list u32)))
 */

/* ---- exports */

/* The exports, filled by rich_bind. */
typedef struct rich_exports {
    it_func *point;
    it_func *person;
    it_func *color;
    it_func *perms;
    it_func *shape;
    it_func *maybe;
    it_func *maybeMaybe;
    it_func *maybeString;
    it_func *outcome;
    it_func *pair;
    it_func *char_;
    it_func *bool_;
    it_func *bytes;
    it_func *numbers;
    it_func *floats;
    it_func *strings;
    it_func *nested;
    it_func *points;
    it_func *two;
    it_func *logPoint;
    it_func *describe;
    it_func *swapNamed;
    it_func *sizeOrName;
    it_func *logAll;
    it_func *makePoint;
    it_func *pointY;
    it_func *nameAndHome;
    it_func *makePerson;
    it_func *swapPair;
    it_func *area;
    it_func *colorName;
    it_func *nextColor;
    it_func *unwrapOr;
    it_func *checked;
    it_func *outcomeText;
    it_func *firstOf;
    it_func *second;
    it_func *readWrite;
    it_func *flatten;
    it_func *bump;
    it_func *shapes;
    it_func *compare;
    it_func *sameChar;
    it_func *odd;
    it_func *oddFlags;
    const char *mismatch; /* after rich_bind failed with IT_ERR_TYPE: the export whose signature
                             is not this header's */
} rich_exports;

/* Looks every export of the component up once, into *exports. IT_ERR_NOT_FOUND (message on
 * the context) for an export it lacks; IT_ERR_TYPE, with exports->mismatch naming the export,
 * if one's signature is not this header's: rebuild the header from the component's ITL. */
static inline IT_MUST_USE it_status rich_bind(const it_component *component, rich_exports *exports)
{
    static const char *const labels_7[] = { "red", "green", "blue" };
    static const char *const labels_8[] = { "read", "write", "exec" };
    static const char *const labels_32[] = { "constructor", "toString", "__proto__" };
    static const it_bindings_type signature_0[] = { { IT_RECORD, 0, NULL }, { IT_RECORD, 0, NULL } };
    static const it_bindings_type signature_1[] = { { IT_RECORD, 0, NULL }, { IT_RECORD, 0, NULL } };
    static const it_bindings_type signature_2[] = { { IT_ENUM, 3, labels_7 }, { IT_ENUM, 3, labels_7 } };
    static const it_bindings_type signature_3[] = { { IT_FLAGS, 3, labels_8 }, { IT_FLAGS, 3, labels_8 } };
    static const it_bindings_type signature_4[] = { { IT_VARIANT, 0, NULL }, { IT_VARIANT, 0, NULL } };
    static const it_bindings_type signature_5[] = { { IT_OPTION, 0, NULL }, { IT_OPTION, 0, NULL } };
    static const it_bindings_type signature_6[] = { { IT_OPTION, 0, NULL }, { IT_OPTION, 0, NULL } };
    static const it_bindings_type signature_7[] = { { IT_OPTION, 0, NULL }, { IT_OPTION, 0, NULL } };
    static const it_bindings_type signature_8[] = { { IT_RESULT, 0, NULL }, { IT_RESULT, 0, NULL } };
    static const it_bindings_type signature_9[] = { { IT_TUPLE, 0, NULL }, { IT_TUPLE, 0, NULL } };
    static const it_bindings_type signature_10[] = { { IT_CHAR, 0, NULL }, { IT_CHAR, 0, NULL } };
    static const it_bindings_type signature_11[] = { { IT_BOOL, 0, NULL }, { IT_BOOL, 0, NULL } };
    static const it_bindings_type signature_12[] = { { IT_LIST, 0, NULL }, { IT_LIST, 0, NULL } };
    static const it_bindings_type signature_13[] = { { IT_LIST, 0, NULL }, { IT_LIST, 0, NULL } };
    static const it_bindings_type signature_14[] = { { IT_LIST, 0, NULL }, { IT_LIST, 0, NULL } };
    static const it_bindings_type signature_15[] = { { IT_LIST, 0, NULL }, { IT_LIST, 0, NULL } };
    static const it_bindings_type signature_16[] = { { IT_LIST, 0, NULL }, { IT_LIST, 0, NULL } };
    static const it_bindings_type signature_17[] = { { IT_LIST, 0, NULL }, { IT_LIST, 0, NULL } };
    static const it_bindings_type signature_18[] = { { IT_RECORD, 0, NULL }, { IT_ENUM, 3, labels_7 }, { IT_ENUM, 3, labels_7 }, { IT_RECORD, 0, NULL } };
    static const it_bindings_type signature_19[] = { { IT_RECORD, 0, NULL } };
    static const it_bindings_type signature_20[] = { { IT_ENUM, 3, labels_7 }, { IT_STRING, 0, NULL } };
    static const it_bindings_type signature_21[] = { { IT_RECORD, 0, NULL }, { IT_ENUM, 3, labels_7 }, { IT_ENUM, 3, labels_7 }, { IT_RECORD, 0, NULL } };
    static const it_bindings_type signature_22[] = { { IT_U32, 0, NULL }, { IT_STRING, 0, NULL }, { IT_U32, 0, NULL }, { IT_STRING, 0, NULL } };
    static const it_bindings_type signature_23[] = { { IT_STRING, 0, NULL }, { IT_ENUM, 3, labels_7 }, { IT_FLAGS, 3, labels_8 }, { IT_VARIANT, 0, NULL }, { IT_LIST, 0, NULL } };
    static const it_bindings_type signature_24[] = { { IT_F64, 0, NULL }, { IT_F64, 0, NULL }, { IT_RECORD, 0, NULL } };
    static const it_bindings_type signature_25[] = { { IT_RECORD, 0, NULL }, { IT_F64, 0, NULL } };
    static const it_bindings_type signature_26[] = { { IT_RECORD, 0, NULL }, { IT_STRING, 0, NULL }, { IT_OPTION, 0, NULL } };
    static const it_bindings_type signature_27[] = { { IT_STRING, 0, NULL }, { IT_U8, 0, NULL }, { IT_RECORD, 0, NULL } };
    static const it_bindings_type signature_28[] = { { IT_TUPLE, 0, NULL }, { IT_TUPLE, 0, NULL } };
    static const it_bindings_type signature_29[] = { { IT_VARIANT, 0, NULL }, { IT_F64, 0, NULL } };
    static const it_bindings_type signature_30[] = { { IT_ENUM, 3, labels_7 }, { IT_STRING, 0, NULL } };
    static const it_bindings_type signature_31[] = { { IT_ENUM, 3, labels_7 }, { IT_ENUM, 3, labels_7 } };
    static const it_bindings_type signature_32[] = { { IT_OPTION, 0, NULL }, { IT_U32, 0, NULL }, { IT_U32, 0, NULL } };
    static const it_bindings_type signature_33[] = { { IT_S32, 0, NULL }, { IT_RESULT, 0, NULL } };
    static const it_bindings_type signature_34[] = { { IT_RESULT, 0, NULL }, { IT_STRING, 0, NULL } };
    static const it_bindings_type signature_35[] = { { IT_LIST, 0, NULL }, { IT_U32, 0, NULL }, { IT_STRING, 0, NULL } };
    static const it_bindings_type signature_36[] = { { IT_LIST, 0, NULL }, { IT_S64, 0, NULL } };
    static const it_bindings_type signature_37[] = { { IT_FLAGS, 3, labels_8 } };
    static const it_bindings_type signature_38[] = { { IT_OPTION, 0, NULL }, { IT_OPTION, 0, NULL } };
    static const it_bindings_type signature_39[] = { { IT_OPTION, 0, NULL }, { IT_OPTION, 0, NULL } };
    static const it_bindings_type signature_40[] = { { IT_F64, 0, NULL }, { IT_LIST, 0, NULL } };
    static const it_bindings_type signature_41[] = { { IT_F64, 0, NULL }, { IT_F64, 0, NULL }, { IT_BOOL, 0, NULL }, { IT_BOOL, 0, NULL }, { IT_BOOL, 0, NULL } };
    static const it_bindings_type signature_42[] = { { IT_CHAR, 0, NULL }, { IT_CHAR, 0, NULL }, { IT_BOOL, 0, NULL } };
    static const it_bindings_type signature_43[] = { { IT_RECORD, 0, NULL }, { IT_RECORD, 0, NULL } };
    static const it_bindings_type signature_44[] = { { IT_FLAGS, 3, labels_32 }, { IT_FLAGS, 3, labels_32 } };
    it_status status;
    exports->mismatch = NULL;
    if ((status = it_component_func(component, "point", &exports->point)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->point), signature_0, 1, signature_0 + 1, 1)) {
        exports->mismatch = "point";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "person", &exports->person)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->person), signature_1, 1, signature_1 + 1, 1)) {
        exports->mismatch = "person";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "color", &exports->color)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->color), signature_2, 1, signature_2 + 1, 1)) {
        exports->mismatch = "color";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "perms", &exports->perms)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->perms), signature_3, 1, signature_3 + 1, 1)) {
        exports->mismatch = "perms";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "shape", &exports->shape)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->shape), signature_4, 1, signature_4 + 1, 1)) {
        exports->mismatch = "shape";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "maybe", &exports->maybe)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->maybe), signature_5, 1, signature_5 + 1, 1)) {
        exports->mismatch = "maybe";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "maybeMaybe", &exports->maybeMaybe)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->maybeMaybe), signature_6, 1, signature_6 + 1, 1)) {
        exports->mismatch = "maybeMaybe";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "maybeString", &exports->maybeString)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->maybeString), signature_7, 1, signature_7 + 1, 1)) {
        exports->mismatch = "maybeString";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "outcome", &exports->outcome)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->outcome), signature_8, 1, signature_8 + 1, 1)) {
        exports->mismatch = "outcome";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "pair", &exports->pair)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->pair), signature_9, 1, signature_9 + 1, 1)) {
        exports->mismatch = "pair";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "char", &exports->char_)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->char_), signature_10, 1, signature_10 + 1, 1)) {
        exports->mismatch = "char";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "bool", &exports->bool_)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->bool_), signature_11, 1, signature_11 + 1, 1)) {
        exports->mismatch = "bool";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "bytes", &exports->bytes)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->bytes), signature_12, 1, signature_12 + 1, 1)) {
        exports->mismatch = "bytes";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "numbers", &exports->numbers)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->numbers), signature_13, 1, signature_13 + 1, 1)) {
        exports->mismatch = "numbers";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "floats", &exports->floats)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->floats), signature_14, 1, signature_14 + 1, 1)) {
        exports->mismatch = "floats";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "strings", &exports->strings)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->strings), signature_15, 1, signature_15 + 1, 1)) {
        exports->mismatch = "strings";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "nested", &exports->nested)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->nested), signature_16, 1, signature_16 + 1, 1)) {
        exports->mismatch = "nested";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "points", &exports->points)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->points), signature_17, 1, signature_17 + 1, 1)) {
        exports->mismatch = "points";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "two", &exports->two)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->two), signature_18, 2, signature_18 + 2, 2)) {
        exports->mismatch = "two";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "logPoint", &exports->logPoint)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->logPoint), signature_19, 1, NULL, 0)) {
        exports->mismatch = "logPoint";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "describe", &exports->describe)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->describe), signature_20, 1, signature_20 + 1, 1)) {
        exports->mismatch = "describe";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "swapNamed", &exports->swapNamed)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->swapNamed), signature_21, 2, signature_21 + 2, 2)) {
        exports->mismatch = "swapNamed";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "sizeOrName", &exports->sizeOrName)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->sizeOrName), signature_22, 2, signature_22 + 2, 2)) {
        exports->mismatch = "sizeOrName";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "logAll", &exports->logAll)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->logAll), signature_23, 5, NULL, 0)) {
        exports->mismatch = "logAll";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "makePoint", &exports->makePoint)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->makePoint), signature_24, 2, signature_24 + 2, 1)) {
        exports->mismatch = "makePoint";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "pointY", &exports->pointY)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->pointY), signature_25, 1, signature_25 + 1, 1)) {
        exports->mismatch = "pointY";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "nameAndHome", &exports->nameAndHome)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->nameAndHome), signature_26, 1, signature_26 + 1, 2)) {
        exports->mismatch = "nameAndHome";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "makePerson", &exports->makePerson)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->makePerson), signature_27, 2, signature_27 + 2, 1)) {
        exports->mismatch = "makePerson";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "swapPair", &exports->swapPair)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->swapPair), signature_28, 1, signature_28 + 1, 1)) {
        exports->mismatch = "swapPair";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "area", &exports->area)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->area), signature_29, 1, signature_29 + 1, 1)) {
        exports->mismatch = "area";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "colorName", &exports->colorName)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->colorName), signature_30, 1, signature_30 + 1, 1)) {
        exports->mismatch = "colorName";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "nextColor", &exports->nextColor)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->nextColor), signature_31, 1, signature_31 + 1, 1)) {
        exports->mismatch = "nextColor";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "unwrapOr", &exports->unwrapOr)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->unwrapOr), signature_32, 2, signature_32 + 2, 1)) {
        exports->mismatch = "unwrapOr";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "checked", &exports->checked)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->checked), signature_33, 1, signature_33 + 1, 1)) {
        exports->mismatch = "checked";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "outcomeText", &exports->outcomeText)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->outcomeText), signature_34, 1, signature_34 + 1, 1)) {
        exports->mismatch = "outcomeText";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "firstOf", &exports->firstOf)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->firstOf), signature_35, 1, signature_35 + 1, 2)) {
        exports->mismatch = "firstOf";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "second", &exports->second)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->second), signature_36, 1, signature_36 + 1, 1)) {
        exports->mismatch = "second";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "readWrite", &exports->readWrite)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->readWrite), NULL, 0, signature_37, 1)) {
        exports->mismatch = "readWrite";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "flatten", &exports->flatten)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->flatten), signature_38, 1, signature_38 + 1, 1)) {
        exports->mismatch = "flatten";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "bump", &exports->bump)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->bump), signature_39, 1, signature_39 + 1, 1)) {
        exports->mismatch = "bump";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "shapes", &exports->shapes)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->shapes), signature_40, 1, signature_40 + 1, 1)) {
        exports->mismatch = "shapes";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "compare", &exports->compare)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->compare), signature_41, 2, signature_41 + 2, 3)) {
        exports->mismatch = "compare";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "sameChar", &exports->sameChar)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->sameChar), signature_42, 2, signature_42 + 2, 1)) {
        exports->mismatch = "sameChar";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "odd", &exports->odd)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->odd), signature_43, 1, signature_43 + 1, 1)) {
        exports->mismatch = "odd";
        return IT_ERR_TYPE;
    }
    if ((status = it_component_func(component, "oddFlags", &exports->oddFlags)) != IT_OK)
        return status;
    if (!it_bindings_same_signature(it_func_signature(exports->oddFlags), signature_44, 1, signature_44 + 1, 1)) {
        exports->mismatch = "oddFlags";
        return IT_ERR_TYPE;
    }
    return IT_OK;
}

/* (func "point" (param point) (result point)) */
static inline IT_MUST_USE it_status rich_point(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->point, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "person" (param person) (result person)) */
static inline IT_MUST_USE it_status rich_person(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->person, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "color" (param color) (result color)) */
static inline IT_MUST_USE it_status rich_color(const rich_exports *exports, rich_color_t arg1,
    rich_color_t *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_enum((uint32_t)arg1);
    status = it_call(exports->color, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = (rich_color_t)results[0].of.case_index;
    return IT_OK;
}

/* (func "perms" (param perms) (result perms)) */
static inline IT_MUST_USE it_status rich_perms(const rich_exports *exports, rich_perms_t arg1,
    rich_perms_t *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_flags(arg1);
    status = it_call(exports->perms, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.flags;
    return IT_OK;
}

/* (func "shape" (param shape) (result shape)) */
static inline IT_MUST_USE it_status rich_shape(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->shape, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "maybe" (param (option u32)) (result (option u32))) */
static inline IT_MUST_USE it_status rich_maybe(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->maybe, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "maybeMaybe" (param maybe-maybe) (result maybe-maybe)) */
static inline IT_MUST_USE it_status rich_maybeMaybe(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->maybeMaybe, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "maybeString" (param (option string)) (result (option string))) */
static inline IT_MUST_USE it_status rich_maybeString(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->maybeString, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "outcome" (param outcome) (result outcome)) */
static inline IT_MUST_USE it_status rich_outcome(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->outcome, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "pair" (param pair) (result pair)) */
static inline IT_MUST_USE it_status rich_pair(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->pair, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "char" (param char) (result char)) */
static inline IT_MUST_USE it_status rich_char(const rich_exports *exports, uint32_t arg1,
    uint32_t *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_char(arg1);
    status = it_call(exports->char_, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.code_point;
    return IT_OK;
}

/* (func "bool" (param bool) (result bool)) */
static inline IT_MUST_USE it_status rich_bool(const rich_exports *exports, bool arg1, bool *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_u1(arg1);
    status = it_call(exports->bool_, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.u1;
    return IT_OK;
}

/* (func "bytes" (param (list u8)) (result (list u8))) */
static inline IT_MUST_USE it_status rich_bytes(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->bytes, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "numbers" (param (list s64)) (result (list s64))) */
static inline IT_MUST_USE it_status rich_numbers(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->numbers, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "floats" (param (list f32)) (result (list f32))) */
static inline IT_MUST_USE it_status rich_floats(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->floats, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "strings" (param (list string)) (result (list string))) */
static inline IT_MUST_USE it_status rich_strings(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->strings, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "nested" (param (list (list (tuple u8 string)))) (result (list (list (tuple u8 string))))) */
static inline IT_MUST_USE it_status rich_nested(const rich_exports *exports, it_value arg1,
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

/* (func "points" (param (list point)) (result (list point))) */
static inline IT_MUST_USE it_status rich_points(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->points, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "two" (param point color) (result color point)) */
static inline IT_MUST_USE it_status rich_two(const rich_exports *exports, it_value arg1,
    rich_color_t arg2, rich_color_t *out1, it_value *out2)
{
    it_value args[2];
    it_value results[2];
    it_status status;
    args[0] = arg1;
    args[1] = it_value_enum((uint32_t)arg2);
    status = it_call(exports->two, args, 2, results, 2);
    if (status != IT_OK)
        return status;
    if (out1)
        *out1 = (rich_color_t)results[0].of.case_index;
    if (out2)
        *out2 = results[1];
    return IT_OK;
}

/* (func "logPoint" (param point)) */
static inline IT_MUST_USE it_status rich_logPoint(const rich_exports *exports, it_value arg1)
{
    it_value args[1];
    args[0] = arg1;
    return it_call(exports->logPoint, args, 1, NULL, 0);
}

/* (func "describe" (param color) (result string)) */
static inline IT_MUST_USE it_status rich_describe(const rich_exports *exports, rich_color_t c,
    it_string *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_enum((uint32_t)c);
    status = it_call(exports->describe, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.string;
    return IT_OK;
}

/* (func "swapNamed" (param point color) (result color point)) */
static inline IT_MUST_USE it_status rich_swapNamed(const rich_exports *exports, it_value p,
    rich_color_t c, rich_color_t *out1, it_value *out2)
{
    it_value args[2];
    it_value results[2];
    it_status status;
    args[0] = p;
    args[1] = it_value_enum((uint32_t)c);
    status = it_call(exports->swapNamed, args, 2, results, 2);
    if (status != IT_OK)
        return status;
    if (out1)
        *out1 = (rich_color_t)results[0].of.case_index;
    if (out2)
        *out2 = results[1];
    return IT_OK;
}

/* (func "sizeOrName" (param u32 string) (result u32 string)) */
static inline IT_MUST_USE it_status rich_sizeOrName(const rich_exports *exports, uint32_t n,
    it_string name, uint32_t *out1, it_string *out2)
{
    it_value args[2];
    it_value results[2];
    it_status status;
    args[0] = it_value_u32(n);
    args[1] = it_value_string(name.data, name.size);
    status = it_call(exports->sizeOrName, args, 2, results, 2);
    if (status != IT_OK)
        return status;
    if (out1)
        *out1 = results[0].of.u32;
    if (out2)
        *out2 = results[1].of.string;
    return IT_OK;
}

/* (func "logAll" (param string color perms shape (list u32))) */
static inline IT_MUST_USE it_status rich_logAll(const rich_exports *exports, it_string arg1,
    rich_color_t arg2, rich_perms_t arg3, it_value arg4, it_value arg5)
{
    it_value args[5];
    args[0] = it_value_string(arg1.data, arg1.size);
    args[1] = it_value_enum((uint32_t)arg2);
    args[2] = it_value_flags(arg3);
    args[3] = arg4;
    args[4] = arg5;
    return it_call(exports->logAll, args, 5, NULL, 0);
}

/* (func "makePoint" (param f64 f64) (result point)) */
static inline IT_MUST_USE it_status rich_makePoint(const rich_exports *exports, double x, double y,
    it_value *out)
{
    it_value args[2];
    it_value results[1];
    it_status status;
    args[0] = it_value_f64(x);
    args[1] = it_value_f64(y);
    status = it_call(exports->makePoint, args, 2, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "pointY" (param point) (result f64)) */
static inline IT_MUST_USE it_status rich_pointY(const rich_exports *exports, it_value p,
    double *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = p;
    status = it_call(exports->pointY, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.f64;
    return IT_OK;
}

/* (func "nameAndHome" (param person) (result string (option point))) */
static inline IT_MUST_USE it_status rich_nameAndHome(const rich_exports *exports, it_value p,
    it_string *out1, it_value *out2)
{
    it_value args[1];
    it_value results[2];
    it_status status;
    args[0] = p;
    status = it_call(exports->nameAndHome, args, 1, results, 2);
    if (status != IT_OK)
        return status;
    if (out1)
        *out1 = results[0].of.string;
    if (out2)
        *out2 = results[1];
    return IT_OK;
}

/* (func "makePerson" (param string u8) (result person)) */
static inline IT_MUST_USE it_status rich_makePerson(const rich_exports *exports, it_string name,
    uint8_t age, it_value *out)
{
    it_value args[2];
    it_value results[1];
    it_status status;
    args[0] = it_value_string(name.data, name.size);
    args[1] = it_value_u8(age);
    status = it_call(exports->makePerson, args, 2, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "swapPair" (param pair) (result (tuple char bool))) */
static inline IT_MUST_USE it_status rich_swapPair(const rich_exports *exports, it_value t,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = t;
    status = it_call(exports->swapPair, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "area" (param shape) (result f64)) */
static inline IT_MUST_USE it_status rich_area(const rich_exports *exports, it_value s, double *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = s;
    status = it_call(exports->area, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.f64;
    return IT_OK;
}

/* (func "colorName" (param color) (result string)) */
static inline IT_MUST_USE it_status rich_colorName(const rich_exports *exports, rich_color_t c,
    it_string *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_enum((uint32_t)c);
    status = it_call(exports->colorName, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.string;
    return IT_OK;
}

/* (func "nextColor" (param color) (result color)) */
static inline IT_MUST_USE it_status rich_nextColor(const rich_exports *exports, rich_color_t c,
    rich_color_t *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_enum((uint32_t)c);
    status = it_call(exports->nextColor, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = (rich_color_t)results[0].of.case_index;
    return IT_OK;
}

/* (func "unwrapOr" (param (option u32) u32) (result u32)) */
static inline IT_MUST_USE it_status rich_unwrapOr(const rich_exports *exports, it_value m,
    uint32_t d, uint32_t *out)
{
    it_value args[2];
    it_value results[1];
    it_status status;
    args[0] = m;
    args[1] = it_value_u32(d);
    status = it_call(exports->unwrapOr, args, 2, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.u32;
    return IT_OK;
}

/* (func "checked" (param s32) (result outcome)) */
static inline IT_MUST_USE it_status rich_checked(const rich_exports *exports, int32_t n,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_s32(n);
    status = it_call(exports->checked, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "outcomeText" (param outcome) (result string)) */
static inline IT_MUST_USE it_status rich_outcomeText(const rich_exports *exports, it_value o,
    it_string *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = o;
    status = it_call(exports->outcomeText, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.string;
    return IT_OK;
}

/* (func "firstOf" (param (list string)) (result u32 string)) */
static inline IT_MUST_USE it_status rich_firstOf(const rich_exports *exports, it_value l,
    uint32_t *out1, it_string *out2)
{
    it_value args[1];
    it_value results[2];
    it_status status;
    args[0] = l;
    status = it_call(exports->firstOf, args, 1, results, 2);
    if (status != IT_OK)
        return status;
    if (out1)
        *out1 = results[0].of.u32;
    if (out2)
        *out2 = results[1].of.string;
    return IT_OK;
}

/* (func "second" (param (list s64)) (result s64)) */
static inline IT_MUST_USE it_status rich_second(const rich_exports *exports, it_value l,
    int64_t *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = l;
    status = it_call(exports->second, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.s64;
    return IT_OK;
}

/* (func "readWrite" (result perms)) */
static inline IT_MUST_USE it_status rich_readWrite(const rich_exports *exports, rich_perms_t *out)
{
    it_value results[1];
    it_status status;
    status = it_call(exports->readWrite, NULL, 0, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.flags;
    return IT_OK;
}

/* (func "flatten" (param maybe-maybe) (result (option u32))) */
static inline IT_MUST_USE it_status rich_flatten(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->flatten, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "bump" (param maybe-maybe) (result maybe-maybe)) */
static inline IT_MUST_USE it_status rich_bump(const rich_exports *exports, it_value m,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = m;
    status = it_call(exports->bump, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "shapes" (param f64) (result (list shape))) */
static inline IT_MUST_USE it_status rich_shapes(const rich_exports *exports, double r,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_f64(r);
    status = it_call(exports->shapes, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "compare" (param f64 f64) (result bool bool bool)) */
static inline IT_MUST_USE it_status rich_compare(const rich_exports *exports, double a, double b,
    bool *out1, bool *out2, bool *out3)
{
    it_value args[2];
    it_value results[3];
    it_status status;
    args[0] = it_value_f64(a);
    args[1] = it_value_f64(b);
    status = it_call(exports->compare, args, 2, results, 3);
    if (status != IT_OK)
        return status;
    if (out1)
        *out1 = results[0].of.u1;
    if (out2)
        *out2 = results[1].of.u1;
    if (out3)
        *out3 = results[2].of.u1;
    return IT_OK;
}

/* (func "sameChar" (param char char) (result bool)) */
static inline IT_MUST_USE it_status rich_sameChar(const rich_exports *exports, uint32_t a,
    uint32_t b, bool *out)
{
    it_value args[2];
    it_value results[1];
    it_status status;
    args[0] = it_value_char(a);
    args[1] = it_value_char(b);
    status = it_call(exports->sameChar, args, 2, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.u1;
    return IT_OK;
}

/* (func "odd" (param odd) (result odd)) */
static inline IT_MUST_USE it_status rich_odd(const rich_exports *exports, it_value arg1,
    it_value *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = arg1;
    status = it_call(exports->odd, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0];
    return IT_OK;
}

/* (func "oddFlags" (param odd-flags) (result odd-flags)) */
static inline IT_MUST_USE it_status rich_oddFlags(const rich_exports *exports,
    rich_odd_flags_t arg1, rich_odd_flags_t *out)
{
    it_value args[1];
    it_value results[1];
    it_status status;
    args[0] = it_value_flags(arg1);
    status = it_call(exports->oddFlags, args, 1, results, 1);
    if (status != IT_OK)
        return status;
    if (out)
        *out = results[0].of.flags;
    return IT_OK;
}

#ifdef __cplusplus
}
#endif

#endif /* IT_BINDINGS_RICH_H */
