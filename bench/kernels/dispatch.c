/* dispatch.c: a bytecode interpreter loop (a dense switch: br_table in wasm, a jump table natively). */
/* bench n: 1000 */
#include "kernel.h"

/* X(name, semantics): the virtual machine's instructions, 4 bytes each:
 * opcode, a, b, c (registers, or an immediate made of b and c). */
#define DISPATCH_OPCODES(X)                                                    \
    X(HALT, "stop")                                                            \
    X(LOADI, "r[a] = b | c << 8")                                              \
    X(MOV, "r[a] = r[b]")                                                      \
    X(ADD, "r[a] = r[b] + r[c]")                                               \
    X(SUB, "r[a] = r[b] - r[c]")                                               \
    X(MUL, "r[a] = r[b] * r[c]")                                               \
    X(AND, "r[a] = r[b] & r[c]")                                               \
    X(OR, "r[a] = r[b] | r[c]")                                                \
    X(XOR, "r[a] = r[b] ^ r[c]")                                               \
    X(SHL, "r[a] = r[b] << (r[c] & 31)")                                       \
    X(SHR, "r[a] = r[b] >> (r[c] & 31)")                                       \
    X(LT, "r[a] = r[b] < r[c]")                                                \
    X(LOAD, "r[a] = memory[r[b] & 255]")                                       \
    X(STORE, "memory[r[b] & 255] = r[a]")                                      \
    X(JUMP, "pc = b | c << 8")                                                 \
    X(JUMP_IF, "if r[a]: pc = b | c << 8")                                     \
    X(INC, "r[a] += 1")                                                        \
    X(ROTATE, "r[a] = r[b] rotated left by (r[c] & 31)")

typedef enum dispatch_opcode {
#define DISPATCH_ENUM(name, semantics) DISPATCH_##name,
    DISPATCH_OPCODES(DISPATCH_ENUM)
#undef DISPATCH_ENUM
} dispatch_opcode;

/* The program, assembled by run(): a hash-like loop over the VM memory.
 * r15 holds the iteration count on entry. */
#define DISPATCH_LOOP_START 6
static const uint8_t dispatch_program[][4] = {
    {DISPATCH_LOADI, 0, 0, 0},      /* 0: acc = 0 */
    {DISPATCH_LOADI, 1, 0, 0},      /* 1: i = 0 */
    {DISPATCH_LOADI, 3, 7, 0},      /* 2: seven = 7 */
    {DISPATCH_LOADI, 4, 255, 0},    /* 3: mask = 255 */
    {DISPATCH_LOADI, 5, 0x5b, 0xd1},/* 4: key = 0xd15b */
    {DISPATCH_LOADI, 11, 13, 0},    /* 5: thirteen = 13 */
    {DISPATCH_MUL, 6, 1, 5},        /* 6: t = i * key */
    {DISPATCH_XOR, 6, 6, 0},        /* 7: t ^= acc */
    {DISPATCH_SHR, 7, 6, 3},        /* 8: u = t >> 7 */
    {DISPATCH_ADD, 0, 0, 7},        /* 9: acc += u */
    {DISPATCH_AND, 8, 1, 4},        /* 10: slot = i & 255 */
    {DISPATCH_LOAD, 9, 8, 0},       /* 11: v = memory[slot] */
    {DISPATCH_ADD, 9, 9, 6},        /* 12: v += t */
    {DISPATCH_ROTATE, 9, 9, 11},    /* 13: v = rotl(v, 13) */
    {DISPATCH_STORE, 9, 8, 0},      /* 14: memory[slot] = v */
    {DISPATCH_SUB, 0, 0, 9},        /* 15: acc -= v */
    {DISPATCH_SHL, 10, 0, 3},       /* 16: w = acc << 7 */
    {DISPATCH_OR, 10, 10, 1},       /* 17: w |= i */
    {DISPATCH_MOV, 12, 10, 0},      /* 18: last = w */
    {DISPATCH_INC, 1, 0, 0},        /* 19: i += 1 */
    {DISPATCH_LT, 10, 1, 15},       /* 20: w = i < count */
    {DISPATCH_JUMP_IF, 10, DISPATCH_LOOP_START, 0}, /* 21: loop */
    {DISPATCH_JUMP, 0, 23, 0},      /* 22: to the end (exercises JUMP) */
    {DISPATCH_HALT, 0, 0, 0},       /* 23 */
};

static uint8_t dispatch_code[sizeof dispatch_program];
static uint32_t dispatch_memory[256];

/* The interpreter: one switch per instruction, no computed goto (wasm has
 * none), so every instruction goes through the same indirect branch. */
static KERNEL_NOINLINE uint32_t dispatch_execute(const uint8_t *code,
                                                 uint32_t *registers)
{
    uint32_t pc = 0;
    for (;;) {
        const uint8_t *instruction = code + pc * 4;
        uint32_t a = instruction[1], b = instruction[2], c = instruction[3];
        pc++;
        switch ((dispatch_opcode)instruction[0]) {
        case DISPATCH_HALT:
            return registers[0];
        case DISPATCH_LOADI:
            registers[a] = b | c << 8;
            break;
        case DISPATCH_MOV:
            registers[a] = registers[b];
            break;
        case DISPATCH_ADD:
            registers[a] = registers[b] + registers[c];
            break;
        case DISPATCH_SUB:
            registers[a] = registers[b] - registers[c];
            break;
        case DISPATCH_MUL:
            registers[a] = registers[b] * registers[c];
            break;
        case DISPATCH_AND:
            registers[a] = registers[b] & registers[c];
            break;
        case DISPATCH_OR:
            registers[a] = registers[b] | registers[c];
            break;
        case DISPATCH_XOR:
            registers[a] = registers[b] ^ registers[c];
            break;
        case DISPATCH_SHL:
            registers[a] = registers[b] << (registers[c] & 31);
            break;
        case DISPATCH_SHR:
            registers[a] = registers[b] >> (registers[c] & 31);
            break;
        case DISPATCH_LT:
            registers[a] = registers[b] < registers[c];
            break;
        case DISPATCH_LOAD:
            registers[a] = dispatch_memory[registers[b] & 255];
            break;
        case DISPATCH_STORE:
            dispatch_memory[registers[b] & 255] = registers[a];
            break;
        case DISPATCH_JUMP:
            pc = b | c << 8;
            break;
        case DISPATCH_JUMP_IF:
            if (registers[a])
                pc = b | c << 8;
            break;
        case DISPATCH_INC:
            registers[a]++;
            break;
        case DISPATCH_ROTATE: {
            uint32_t count = registers[c] & 31;
            registers[a] = (registers[b] << count) |
                           (registers[b] >> ((32 - count) & 31));
            break;
        }
        default:
            return 0xdeadbeef; /* not reached: the program is fixed */
        }
    }
}

int64_t run(int64_t n)
{
    /* Copied at run time so the compiler cannot specialise the interpreter
     * on the program. */
    const uint8_t *program = &dispatch_program[0][0];
    for (uint32_t i = 0; i < sizeof dispatch_code; i++)
        dispatch_code[i] = program[i];
    for (uint32_t i = 0; i < 256; i++)
        dispatch_memory[i] = i * 0x01000193u;
    uint64_t sum = 0;
    for (int64_t round = 0; round < n; round++) {
        uint32_t registers[16] = {0};
        registers[15] = 10000;
        sum = checksum_mix(sum, dispatch_execute(dispatch_code, registers));
        sum = checksum_mix(sum, registers[12]);
    }
    for (uint32_t i = 0; i < 256; i++)
        sum = checksum_mix(sum, dispatch_memory[i]);
    return (int64_t)sum;
}
