/* asm_test.c: checks every x86-64 encoder against GNU as (no hand-copied expected bytes).
 *
 *   jit_asm_test emit              prints each case as Intel-syntax assembly, one label per case
 *   jit_asm_test check BIN SYMS    compares each case's bytes with what `as` produced
 *                                  (BIN: objcopy -O binary of .text; SYMS: "offset name" lines)
 * tests/jit/asm_test.sh runs both halves. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/src/jit/x64/asm.h"

typedef struct test_case {
    uint8_t bytes[32];
    size_t length;
    char text[96];
} test_case;

static test_case *cases;
static size_t case_count, case_capacity;
static codebuf scratch;
static size_t scratch_skip;

static const char *const q_names[] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                      "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
static const char *const d_names[] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                      "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
static const char *const w_names[] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
                                      "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
static const char *const b_names[] = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
                                      "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
static const char *const cc_names[] = {"o", "no", "b", "ae", "e", "ne", "be", "a",
                                       "s", "ns", "p", "np", "l", "ge", "le", "g"};
static const char *const alu_names[] = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};

static const char *reg_name(int size, int reg)
{
    switch (size) {
    case 1: return b_names[reg];
    case 2: return w_names[reg];
    case 4: return d_names[reg];
    default: return q_names[reg];
    }
}

static const char *ptr_name(int size)
{
    switch (size) {
    case 1: return "byte ptr";
    case 2: return "word ptr";
    case 4: return "dword ptr";
    case 8: return "qword ptr";
    default: return "";
    }
}

static char mem_text_buffers[4][64];
static int mem_text_next;

static const char *mem_text(int size, x64_mem m)
{
    char *out = mem_text_buffers[mem_text_next++ & 3];
    int n = snprintf(out, 64, "%s [%s", ptr_name(size), q_names[m.base]);
    if (m.index != X64_NO_REG)
        n += snprintf(out + n, 64 - (size_t)n, "+%s*%d", q_names[m.index], 1 << m.scale);
    if (m.disp > 0)
        n += snprintf(out + n, 64 - (size_t)n, "+0x%" PRIx32, (uint32_t)m.disp);
    else if (m.disp < 0)
        n += snprintf(out + n, 64 - (size_t)n, "-0x%" PRIx64, (uint64_t)(-(int64_t)m.disp));
    snprintf(out + n, 64 - (size_t)n, "]");
    return out;
}

/* begin() starts a case (optionally after `skip` filler bytes, so that
 * branches can go backwards); end() records the bytes and the text. */
static codebuf *begin_at(size_t skip)
{
    scratch.size = 0;
    for (size_t i = 0; i < skip; i++)
        codebuf_byte(&scratch, 0x90);
    scratch_skip = skip;
    return &scratch;
}

static codebuf *begin(void)
{
    return begin_at(0);
}

__attribute__((format(printf, 1, 2))) static void end(const char *format, ...)
{
    if (case_count == case_capacity) {
        case_capacity = case_capacity ? case_capacity * 2 : 1024;
        cases = realloc(cases, case_capacity * sizeof *cases);
        if (!cases) {
            perror("realloc");
            exit(2);
        }
    }
    test_case *c = &cases[case_count++];
    c->length = scratch.size - scratch_skip;
    if (c->length > sizeof c->bytes)
        c->length = sizeof c->bytes;
    memcpy(c->bytes, scratch.bytes + scratch_skip, c->length);
    va_list args;
    va_start(args, format);
    vsnprintf(c->text, sizeof c->text, format, args);
    va_end(args);
}

/* Memory operands covering every base, the rsp/r12 (SIB) and rbp/r13
 * (forced displacement) cases, every index and scale, and the
 * disp8/disp32 boundaries. */
static x64_mem mems[128];
static size_t mem_count;

static void build_mems(void)
{
    static const int32_t disps[] = {0, 1, -1, 127, 128, -128, -129, 0x7fffffff, INT32_MIN};
    for (int base = 0; base < 16; base++)
        for (size_t d = 0; d < sizeof disps / sizeof disps[0]; d += base % 3 == 0 ? 1 : 4)
            mems[mem_count++] = x64_base_disp(base, disps[d]);
    for (int index = 0; index < 16; index++) {
        if (index == X64_RSP)
            continue;
        mems[mem_count++] = x64_base_index((index * 5) % 16, index, (uint8_t)(index & 3), index * 40 - 200);
    }
    mems[mem_count++] = x64_base_index(X64_RBP, X64_R12, 3, 0);
    mems[mem_count++] = x64_base_index(X64_R13, X64_R13, 0, 0);
    mems[mem_count++] = x64_base_index(X64_RSP, X64_RBP, 1, 0);
    mems[mem_count++] = x64_base_index(X64_R12, X64_R12, 2, 0x1000);
}

static const int sizes[] = {1, 2, 4, 8};

static uint64_t truncate_to(int size, int64_t value)
{
    return size == 8 ? (uint64_t)value : (uint64_t)value & ((1ull << (size * 8)) - 1);
}

static void mov_cases(void)
{
    static const int64_t imms[] = {0, 1, -1, 127, 128, -128, 0x7fffffff, INT32_MIN, 0xffffffffll,
                                   0x100000000ll, INT64_MIN, -0x80000001ll};
    for (int s = 0; s < 4; s++) {
        int size = sizes[s];
        for (int dst = 0; dst < 16; dst++)
            for (int src = 0; src < 16; src++) {
                x64_mov_rr(begin(), size, dst, src);
                end("mov %s, %s", reg_name(size, dst), reg_name(size, src));
            }
        for (int dst = 0; dst < 16; dst++)
            for (size_t i = 0; i < sizeof imms / sizeof imms[0]; i++) {
                int64_t imm = imms[i];
                x64_mov_ri(begin(), size, dst, imm);
                if (size < 8)
                    end("mov %s, 0x%" PRIx64, reg_name(size, dst), truncate_to(size, imm));
                else if (imm >= 0 && imm <= 0xffffffffll)
                    end("mov %s, 0x%" PRIx64, reg_name(4, dst), (uint64_t)imm);
                else if (imm >= INT32_MIN && imm < 0)
                    end("mov %s, %" PRId64, reg_name(8, dst), imm);
                else
                    end("movabs %s, 0x%" PRIx64, reg_name(8, dst), (uint64_t)imm);
            }
        for (int reg = 0; reg < 16; reg++)
            for (size_t m = 0; m < mem_count; m++) {
                x64_mov_load(begin(), size, reg, mems[m]);
                end("mov %s, %s", reg_name(size, reg), mem_text(size, mems[m]));
                x64_mov_store(begin(), size, mems[m], reg);
                end("mov %s, %s", mem_text(size, mems[m]), reg_name(size, reg));
            }
        for (size_t m = 0; m < mem_count; m++) {
            x64_mov_store_imm(begin(), size, mems[m], -2);
            end("mov %s, -2", mem_text(size, mems[m]));
        }
        for (int reg = 0; reg < 16; reg++)
            for (size_t m = 0; m < mem_count; m++) {
                x64_xchg_mr(begin(), size, mems[m], reg);
                end("xchg %s, %s", mem_text(size, mems[m]), reg_name(size, reg));
            }
    }
    x64_movabs(begin(), X64_R9, 5);
    end("movabs r9, 5");
    for (int dst = 0; dst < 16; dst++)
        for (int src = 0; src < 16; src++)
            for (int src_size = 1; src_size <= 4; src_size *= 2)
                for (int dst_size = 4; dst_size <= 8; dst_size *= 2) {
                    if (src_size == 4 && dst_size == 4)
                        continue;
                    if (src_size < 4) {
                        x64_movzx_rr(begin(), src_size, dst_size, dst, src);
                        end("movzx %s, %s", reg_name(dst_size, dst), reg_name(src_size, src));
                    }
                    x64_movsx_rr(begin(), src_size, dst_size, dst, src);
                    end("%s %s, %s", src_size == 4 ? "movsxd" : "movsx", reg_name(dst_size, dst),
                        reg_name(src_size, src));
                }
    for (int dst = 0; dst < 16; dst++)
        for (size_t m = 0; m < mem_count; m += 3)
            for (int src_size = 1; src_size <= 4; src_size *= 2)
                for (int dst_size = 4; dst_size <= 8; dst_size *= 2) {
                    if (src_size == 4 && dst_size == 4)
                        continue;
                    if (src_size < 4) {
                        x64_movzx_load(begin(), src_size, dst_size, dst, mems[m]);
                        end("movzx %s, %s", reg_name(dst_size, dst), mem_text(src_size, mems[m]));
                    }
                    x64_movsx_load(begin(), src_size, dst_size, dst, mems[m]);
                    end("%s %s, %s", src_size == 4 ? "movsxd" : "movsx", reg_name(dst_size, dst),
                        mem_text(src_size, mems[m]));
                }
    for (int dst = 0; dst < 16; dst++) {
        x64_lea_rip(begin(), dst, 0x40);
        end("lea %s, [rip+0x40]", q_names[dst]);
        x64_lea_rip(begin(), dst, -5);
        end("lea %s, [rip-5]", q_names[dst]);
    }
    for (int dst = 0; dst < 16; dst++)
        for (size_t m = 0; m < mem_count; m++)
            for (int size = 4; size <= 8; size *= 2) {
                x64_lea(begin(), size, dst, mems[m]);
                end("lea %s, %s", reg_name(size, dst), mem_text(0, mems[m]));
            }
}

static void alu_cases(void)
{
    static const int32_t imms[] = {0, 1, -1, 127, 128, -128, -129, 0x7fffffff, INT32_MIN, 0x1234};
    for (int op = 0; op < 8; op++)
        for (int s = 0; s < 4; s++) {
            int size = sizes[s];
            for (int dst = 0; dst < 16; dst++)
                for (int src = 0; src < 16; src += (dst % 4 == 0 ? 1 : 5)) {
                    x64_alu_rr(begin(), op, size, dst, src);
                    end("%s %s, %s", alu_names[op], reg_name(size, dst), reg_name(size, src));
                }
            for (int dst = 0; dst < 16; dst++)
                for (size_t i = 0; i < sizeof imms / sizeof imms[0]; i++) {
                    int32_t imm = size == 1 ? (int8_t)imms[i] : size == 2 ? (int16_t)imms[i] : imms[i];
                    x64_alu_ri(begin(), op, size, dst, imm);
                    end("%s %s, %d", alu_names[op], reg_name(size, dst), imm);
                }
            for (size_t m = 0; m < mem_count; m++) {
                int reg = (int)(m % 16);
                x64_alu_rm(begin(), op, size, reg, mems[m]);
                end("%s %s, %s", alu_names[op], reg_name(size, reg), mem_text(size, mems[m]));
                x64_alu_mr(begin(), op, size, mems[m], reg);
                end("%s %s, %s", alu_names[op], mem_text(size, mems[m]), reg_name(size, reg));
                int32_t imm = size == 1 ? -3 : (m & 1) ? 100 : 1000;
                x64_alu_mi(begin(), op, size, mems[m], imm);
                end("%s %s, %d", alu_names[op], mem_text(size, mems[m]), imm);
            }
        }
    for (int s = 0; s < 4; s++) {
        int size = sizes[s];
        for (int lhs = 0; lhs < 16; lhs++) {
            for (int rhs = 0; rhs < 16; rhs++) {
                x64_test_rr(begin(), size, lhs, rhs);
                end("test %s, %s", reg_name(size, lhs), reg_name(size, rhs));
            }
            int32_t imm = size == 1 ? 0x7f : size == 2 ? 0x1234 : 0x12345678;
            x64_test_ri(begin(), size, lhs, imm);
            end("test %s, 0x%x", reg_name(size, lhs), (unsigned)imm);
        }
    }
}

static void mul_shift_cases(void)
{
    static const char *const unary_names[] = {"", "", "not", "neg", "mul", "imul", "div", "idiv"};
    static const char *const shift_names[] = {"rol", "ror", "", "", "shl", "shr", "", "sar"};
    static const int shift_ops[] = {X64_ROL, X64_ROR, X64_SHL, X64_SHR, X64_SAR};
    for (int size = 2; size <= 8; size *= 2) {
        for (int dst = 0; dst < 16; dst++) {
            for (int src = 0; src < 16; src++) {
                x64_imul_rr(begin(), size, dst, src);
                end("imul %s, %s", reg_name(size, dst), reg_name(size, src));
            }
            x64_imul_rri(begin(), size, dst, 15 - dst, 7);
            end("imul %s, %s, 7", reg_name(size, dst), reg_name(size, 15 - dst));
            x64_imul_rri(begin(), size, dst, dst, size == 2 ? 1000 : 100000);
            end("imul %s, %s, %d", reg_name(size, dst), reg_name(size, dst), size == 2 ? 1000 : 100000);
        }
        for (size_t m = 0; m < mem_count; m++) {
            x64_imul_rm(begin(), size, (int)(m % 16), mems[m]);
            end("imul %s, %s", reg_name(size, (int)(m % 16)), mem_text(size, mems[m]));
        }
    }
    for (int s = 0; s < 4; s++) {
        int size = sizes[s];
        for (int reg = 0; reg < 16; reg++) {
            for (int op = X64_NOT; op <= X64_IDIV; op++) {
                x64_unary(begin(), op, size, reg);
                end("%s %s", unary_names[op], reg_name(size, reg));
            }
            for (size_t i = 0; i < sizeof shift_ops / sizeof shift_ops[0]; i++) {
                int op = shift_ops[i];
                x64_shift_cl(begin(), op, size, reg);
                end("%s %s, cl", shift_names[op], reg_name(size, reg));
                static const uint8_t counts[] = {1, 5, 31, 63};
                for (int c = 0; c < 4; c++) {
                    x64_shift_ri(begin(), op, size, reg, counts[c]);
                    end("%s %s, %d", shift_names[op], reg_name(size, reg), counts[c]);
                }
            }
        }
    }
    x64_cdq(begin());
    end("cdq");
    x64_cqo(begin());
    end("cqo");
    static const char *const bitop_names[] = {"bsf", "bsr", "tzcnt", "lzcnt", "popcnt"};
    for (int op = X64_BSF; op <= X64_POPCNT; op++)
        for (int size = 2; size <= 8; size *= 2)
            for (int dst = 0; dst < 16; dst++)
                for (int src = 0; src < 16; src += 3) {
                    x64_bitop_rr(begin(), op, size, dst, src);
                    end("%s %s, %s", bitop_names[op], reg_name(size, dst), reg_name(size, src));
                }
    for (int cc = 0; cc < 16; cc++)
        for (int reg = 0; reg < 16; reg++) {
            x64_setcc(begin(), cc, reg);
            end("set%s %s", cc_names[cc], reg_name(1, reg));
            for (int size = 2; size <= 8; size *= 2) {
                x64_cmovcc(begin(), cc, size, reg, 15 - reg);
                end("cmov%s %s, %s", cc_names[cc], reg_name(size, reg), reg_name(size, 15 - reg));
            }
        }
}

static void control_cases(void)
{
    for (int cc = 0; cc < 16; cc++) {
        x64_jcc(begin(), cc, 0x1000);
        end("j%s .+0x1000", cc_names[cc]);
        x64_jcc(begin_at(0x400), cc, 0x10);
        end("j%s .-0x3f0", cc_names[cc]);
        x64_jcc_rel8(begin(), cc, -20);
        end("j%s .-18", cc_names[cc]);
    }
    x64_jmp(begin(), 0x1000);
    end("jmp .+0x1000");
    x64_jmp(begin_at(0x400), 0);
    end("jmp .-0x400");
    x64_jmp_rel8(begin(), 100);
    end("jmp .+102");
    x64_call(begin(), 0x12345);
    end("call .+0x12345");
    x64_call(begin_at(0x100), 3);
    end("call .-0xfd");
    size_t at = x64_jmp(begin(), SIZE_MAX);
    x64_patch_rel32(&scratch, at, 0x2000);
    end("jmp .+0x2000");
    for (int reg = 0; reg < 16; reg++) {
        x64_call_r(begin(), reg);
        end("call %s", q_names[reg]);
        x64_jmp_r(begin(), reg);
        end("jmp %s", q_names[reg]);
        x64_push(begin(), reg);
        end("push %s", q_names[reg]);
        x64_pop(begin(), reg);
        end("pop %s", q_names[reg]);
    }
    for (size_t m = 0; m < mem_count; m++) {
        x64_call_m(begin(), mems[m]);
        end("call %s", mem_text(8, mems[m]));
        x64_jmp_m(begin(), mems[m]);
        end("jmp %s", mem_text(8, mems[m]));
    }
    x64_ret(begin());
    end("ret");
    x64_ud2(begin());
    end("ud2");
    x64_int3(begin());
    end("int3");
    x64_nop(begin());
    end("nop");
    x64_rep_stosq(begin());
    end("rep stosq");
    codebuf *nop = begin();
    x64_mov_store(nop, 8, x64_base_disp(X64_RBP, -8), X64_R14); /* 4 bytes, then overwritten */
    x64_nop4_at(nop, 0);
    end("{disp8} nop dword ptr [rax]");
}

static void sse_cases(void)
{
    static const char *const arith_names[] = {[X64_SQRT] = "sqrt", [X64_ADDS] = "add", [X64_MULS] = "mul",
                                              [X64_SUBS] = "sub", [X64_MINS] = "min", [X64_DIVS] = "div",
                                              [X64_MAXS] = "max"};
    static const int arith_ops[] = {X64_SQRT, X64_ADDS, X64_MULS, X64_SUBS, X64_MINS, X64_DIVS, X64_MAXS};
    static const char *const logic_names[] = {[X64_ANDP] = "and", [X64_ANDNP] = "andn", [X64_ORP] = "or",
                                              [X64_XORP] = "xor"};
    for (int width = 4; width <= 8; width *= 2) {
        const char *s = width == 4 ? "s" : "d";
        const char *fp_ptr = width == 4 ? "dword ptr" : "qword ptr";
        for (int x = 0; x < 16; x++) {
            for (int g = 0; g < 16; g++) {
                x64_movd_xr(begin(), width, x, g);
                end("mov%s xmm%d, %s", width == 4 ? "d" : "q", x, reg_name(width, g));
                x64_movd_rx(begin(), width, g, x);
                end("mov%s %s, xmm%d", width == 4 ? "d" : "q", reg_name(width, g), x);
                for (int int_size = 4; int_size <= 8; int_size *= 2) {
                    x64_cvtsi2s(begin(), width, int_size, x, g);
                    end("cvtsi2s%s xmm%d, %s", s, x, reg_name(int_size, g));
                    x64_cvtts2si(begin(), width, int_size, g, x);
                    end("cvtts%s2si %s, xmm%d", s, reg_name(int_size, g), x);
                }
            }
            for (int y = 0; y < 16; y++) {
                x64_movs_rr(begin(), width, x, y);
                end("movs%s xmm%d, xmm%d", s, x, y);
                x64_movap_rr(begin(), width, x, y);
                end("movap%s xmm%d, xmm%d", s, x, y);
                for (size_t i = 0; i < sizeof arith_ops / sizeof arith_ops[0]; i++) {
                    x64_sse_arith_rr(begin(), arith_ops[i], width, x, y);
                    end("%ss%s xmm%d, xmm%d", arith_names[arith_ops[i]], s, x, y);
                }
                for (int op = X64_ANDP; op <= X64_XORP; op++) {
                    x64_sse_logic_rr(begin(), op, width, x, y);
                    end("%sp%s xmm%d, xmm%d", logic_names[op], s, x, y);
                }
                x64_ucomis(begin(), width, x, y);
                end("ucomis%s xmm%d, xmm%d", s, x, y);
                x64_comis(begin(), width, x, y);
                end("comis%s xmm%d, xmm%d", s, x, y);
                x64_cvts2s(begin(), width, x, y);
                end("cvt%s2%s xmm%d, xmm%d", width == 4 ? "ss" : "sd", width == 4 ? "sd" : "ss", x, y);
                for (uint8_t mode = X64_ROUND_NEAREST; mode <= X64_ROUND_ZERO; mode++) {
                    x64_rounds(begin(), width, x, y, mode);
                    end("rounds%s xmm%d, xmm%d, %d", s, x, y, mode);
                }
            }
            for (size_t m = 0; m < mem_count; m += 2) {
                x64_movs_load(begin(), width, x, mems[m]);
                end("movs%s xmm%d, %s", s, x, mem_text(width, mems[m]));
                x64_movs_store(begin(), width, mems[m], x);
                end("movs%s %s, xmm%d", s, mem_text(width, mems[m]), x);
                int op = arith_ops[m % 7];
                x64_sse_arith_rm(begin(), op, width, x, mems[m]);
                end("%ss%s xmm%d, %s", arith_names[op], s, x, mem_text(width, mems[m]));
            }
            (void)fp_ptr;
        }
    }
}

static void build_cases(void)
{
    build_mems();
    mov_cases();
    alu_cases();
    mul_shift_cases();
    control_cases();
    sse_cases();
}

static int emit_assembly(void)
{
    printf("\t.intel_syntax noprefix\n\t.text\n");
    for (size_t i = 0; i < case_count; i++)
        printf("case_%zu:\n\t%s\n", i, cases[i].text);
    printf("case_%zu:\n", case_count);
    return 0;
}

static void print_bytes(const uint8_t *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++)
        printf("%02x", bytes[i]);
}

static int check(const char *bin_path, const char *syms_path)
{
    FILE *bin = fopen(bin_path, "rb");
    FILE *syms = fopen(syms_path, "r");
    if (!bin || !syms) {
        fprintf(stderr, "cannot open %s or %s\n", bin_path, syms_path);
        printf("0 passed, 1 failed\n");
        return 1;
    }
    static uint8_t image[1 << 24];
    size_t image_size = fread(image, 1, sizeof image, bin);
    size_t *offsets = calloc(case_count + 1, sizeof *offsets);
    unsigned long long offset;
    size_t index, found = 0;
    while (fscanf(syms, "%llx case_%zu", &offset, &index) == 2)
        if (index <= case_count) {
            offsets[index] = (size_t)offset;
            found++;
        }
    fclose(bin);
    fclose(syms);
    size_t passed = 0, failed = 0;
    if (found != case_count + 1) {
        printf("symbol table has %zu labels, expected %zu\n", found, case_count + 1);
        failed++;
    }
    for (size_t i = 0; i < case_count && found == case_count + 1; i++) {
        const test_case *c = &cases[i];
        size_t length = offsets[i + 1] - offsets[i];
        if (offsets[i + 1] <= image_size && length == c->length &&
            memcmp(image + offsets[i], c->bytes, length) == 0) {
            passed++;
            continue;
        }
        failed++;
        if (failed <= 40) {
            printf("FAIL %-40s ours ", c->text);
            print_bytes(c->bytes, c->length);
            printf(" as ");
            print_bytes(image + offsets[i], offsets[i + 1] <= image_size ? length : 0);
            printf("\n");
        }
    }
    free(offsets);
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
    build_cases();
    int status;
    if (argc == 2 && strcmp(argv[1], "emit") == 0)
        status = emit_assembly();
    else if (argc == 4 && strcmp(argv[1], "check") == 0)
        status = check(argv[2], argv[3]);
    else {
        fprintf(stderr, "usage: %s emit | check BIN SYMS\n", argv[0]);
        status = 2;
    }
    free(cases);
    codebuf_free(&scratch);
    return status;
}
