/* stackvm.c: a stack-machine bytecode interpreter (switch dispatch, value stack in memory, VM calls and returns). */
/* bench n: 48 */
#include "kernel.h"

/* X(name, operands, semantics): the instructions. Code is an array of
 * int32 words: the opcode, then its operands. Values are uint32. */
#define STACKVM_OPCODES(X)                                                     \
    X(HALT, 0, "stop; the result is the top of the stack")                     \
    X(PUSH, 1, "push the operand")                                             \
    X(DUP, 0, "push a copy of the top")                                        \
    X(GET, 1, "push local[operand] of the current frame")                      \
    X(SET, 1, "pop into local[operand]")                                       \
    X(ENTER, 1, "push operand zeros: the frame's locals after its arguments")  \
    X(ADD, 0, "a b -> a + b")                                                  \
    X(SUB, 0, "a b -> a - b")                                                  \
    X(MUL, 0, "a b -> a * b")                                                  \
    X(AND, 0, "a b -> a & b")                                                  \
    X(SHR, 0, "a b -> a >> (b & 31)")                                          \
    X(LT, 0, "a b -> a < b")                                                   \
    X(GT, 0, "a b -> a > b")                                                   \
    X(JUMP, 1, "pc = operand")                                                 \
    X(JUMP_IF_ZERO, 1, "pop; if it is 0, pc = operand")                        \
    X(CALL, 2, "call operand 0 with the top operand-1 values as arguments")    \
    X(RET, 0, "pop the result, drop the frame, return, push the result")       \
    X(LOAD, 0, "i -> memory[i & 255]")                                         \
    X(STORE, 0, "i v -> (memory[i & 255] = v)")

typedef enum stackvm_opcode {
#define STACKVM_ENUM(name, operands, semantics) STACKVM_##name,
    STACKVM_OPCODES(STACKVM_ENUM)
#undef STACKVM_ENUM
} stackvm_opcode;

#define STACKVM_CODE_WORDS 512
#define STACKVM_STACK_WORDS 1024
#define STACKVM_FRAMES 64

static int32_t stackvm_code[STACKVM_CODE_WORDS];
static uint32_t stackvm_stack[STACKVM_STACK_WORDS];
static uint32_t stackvm_memory[256];

typedef struct stackvm_frame {
    int32_t return_pc;
    int32_t base; /* stack index of local 0 (the first argument) */
} stackvm_frame;

static stackvm_frame stackvm_frames[STACKVM_FRAMES];

/* The interpreter: `switch` on each opcode (br_table in wasm), the value
 * stack and the frames in memory, as in a simple scripting-language VM.
 * Runs the function at `entry` with one argument. */
static KERNEL_NOINLINE uint32_t stackvm_execute(const int32_t *code, int32_t entry,
                                                uint32_t argument)
{
    uint32_t *stack = stackvm_stack;
    stackvm_frame *frames = stackvm_frames;
    int32_t pc = entry, sp = 0, base = 0, depth = 0;
    stack[sp++] = argument;
    frames[depth++] = (stackvm_frame){-1, 0};
    for (;;) {
        switch ((stackvm_opcode)code[pc++]) {
        case STACKVM_HALT:
            return stack[sp - 1];
        case STACKVM_PUSH:
            stack[sp++] = (uint32_t)code[pc++];
            break;
        case STACKVM_DUP:
            stack[sp] = stack[sp - 1];
            sp++;
            break;
        case STACKVM_GET:
            stack[sp++] = stack[base + code[pc++]];
            break;
        case STACKVM_SET:
            stack[base + code[pc++]] = stack[--sp];
            break;
        case STACKVM_ENTER:
            for (int32_t count = code[pc++]; count > 0; count--)
                stack[sp++] = 0;
            break;
        case STACKVM_ADD:
            sp--;
            stack[sp - 1] += stack[sp];
            break;
        case STACKVM_SUB:
            sp--;
            stack[sp - 1] -= stack[sp];
            break;
        case STACKVM_MUL:
            sp--;
            stack[sp - 1] *= stack[sp];
            break;
        case STACKVM_AND:
            sp--;
            stack[sp - 1] &= stack[sp];
            break;
        case STACKVM_SHR:
            sp--;
            stack[sp - 1] >>= stack[sp] & 31;
            break;
        case STACKVM_LT:
            sp--;
            stack[sp - 1] = stack[sp - 1] < stack[sp];
            break;
        case STACKVM_GT:
            sp--;
            stack[sp - 1] = stack[sp - 1] > stack[sp];
            break;
        case STACKVM_JUMP:
            pc = code[pc];
            break;
        case STACKVM_JUMP_IF_ZERO:
            pc = stack[--sp] ? pc + 1 : code[pc];
            break;
        case STACKVM_CALL: {
            int32_t target = code[pc], arguments = code[pc + 1];
            frames[depth++] = (stackvm_frame){pc + 2, base};
            base = sp - arguments;
            pc = target;
            break;
        }
        case STACKVM_RET: {
            uint32_t result = stack[--sp];
            stackvm_frame frame = frames[--depth];
            sp = base;
            stack[sp++] = result;
            if (frame.return_pc < 0)
                return result;
            pc = frame.return_pc;
            base = frame.base;
            break;
        }
        case STACKVM_LOAD:
            stack[sp - 1] = stackvm_memory[stack[sp - 1] & 255];
            break;
        case STACKVM_STORE:
            sp -= 2;
            stackvm_memory[stack[sp] & 255] = stack[sp + 1];
            break;
        default:
            return 0xdeadbeef; /* not reached: the program is fixed */
        }
    }
}

/* A tiny assembler: instructions appended to stackvm_code, labels as code
 * indices, forward jumps patched when their label is placed. */
typedef struct stackvm_assembler {
    int32_t size;
} stackvm_assembler;

static inline void stackvm_op(stackvm_assembler *as, stackvm_opcode op)
{
    stackvm_code[as->size++] = (int32_t)op;
}

static inline void stackvm_op1(stackvm_assembler *as, stackvm_opcode op, int32_t operand)
{
    stackvm_code[as->size++] = (int32_t)op;
    stackvm_code[as->size++] = operand;
}

/* Emits a jump whose target is not known yet; returns where to patch. */
static inline int32_t stackvm_forward(stackvm_assembler *as, stackvm_opcode op)
{
    stackvm_op1(as, op, -1);
    return as->size - 1;
}

static inline void stackvm_place(stackvm_assembler *as, int32_t patch)
{
    stackvm_code[patch] = as->size;
}

static inline void stackvm_call(stackvm_assembler *as, int32_t target, int32_t arguments)
{
    stackvm_op(as, STACKVM_CALL);
    stackvm_code[as->size++] = target;
    stackvm_code[as->size++] = arguments;
}

/* The program:
 *
 *   fib(k)     = k < 2 ? k : fib(k - 1) + fib(k - 2)
 *   collatz(x) = steps of x -> x odd ? 3x + 1 : x / 2 until x <= 1
 *   main(count): sum = 0; for i < count: sum += collatz(i) + fib(i & 7);
 *                memory[i] += sum; return sum
 *
 * Returns main's entry. */
static int32_t stackvm_assemble(void)
{
    stackvm_assembler as = {0};
    int32_t fib = as.size;                       /* local 0: k */
    stackvm_op1(&as, STACKVM_GET, 0);
    stackvm_op1(&as, STACKVM_PUSH, 2);
    stackvm_op(&as, STACKVM_LT);
    int32_t recurse = stackvm_forward(&as, STACKVM_JUMP_IF_ZERO);
    stackvm_op1(&as, STACKVM_GET, 0);
    stackvm_op(&as, STACKVM_RET);
    stackvm_place(&as, recurse);
    stackvm_op1(&as, STACKVM_GET, 0);
    stackvm_op1(&as, STACKVM_PUSH, 1);
    stackvm_op(&as, STACKVM_SUB);
    stackvm_call(&as, fib, 1);
    stackvm_op1(&as, STACKVM_GET, 0);
    stackvm_op1(&as, STACKVM_PUSH, 2);
    stackvm_op(&as, STACKVM_SUB);
    stackvm_call(&as, fib, 1);
    stackvm_op(&as, STACKVM_ADD);
    stackvm_op(&as, STACKVM_RET);

    int32_t collatz = as.size;                   /* locals: x, steps */
    stackvm_op1(&as, STACKVM_ENTER, 1);
    int32_t collatz_loop = as.size;
    stackvm_op1(&as, STACKVM_GET, 0);
    stackvm_op1(&as, STACKVM_PUSH, 1);
    stackvm_op(&as, STACKVM_GT);
    int32_t collatz_end = stackvm_forward(&as, STACKVM_JUMP_IF_ZERO);
    stackvm_op1(&as, STACKVM_GET, 0);
    stackvm_op1(&as, STACKVM_PUSH, 1);
    stackvm_op(&as, STACKVM_AND);
    int32_t even = stackvm_forward(&as, STACKVM_JUMP_IF_ZERO);
    stackvm_op1(&as, STACKVM_GET, 0);
    stackvm_op1(&as, STACKVM_PUSH, 3);
    stackvm_op(&as, STACKVM_MUL);
    stackvm_op1(&as, STACKVM_PUSH, 1);
    stackvm_op(&as, STACKVM_ADD);
    stackvm_op1(&as, STACKVM_SET, 0);
    int32_t next = stackvm_forward(&as, STACKVM_JUMP);
    stackvm_place(&as, even);
    stackvm_op1(&as, STACKVM_GET, 0);
    stackvm_op1(&as, STACKVM_PUSH, 1);
    stackvm_op(&as, STACKVM_SHR);
    stackvm_op1(&as, STACKVM_SET, 0);
    stackvm_place(&as, next);
    stackvm_op1(&as, STACKVM_GET, 1);
    stackvm_op1(&as, STACKVM_PUSH, 1);
    stackvm_op(&as, STACKVM_ADD);
    stackvm_op1(&as, STACKVM_SET, 1);
    stackvm_op1(&as, STACKVM_JUMP, collatz_loop);
    stackvm_place(&as, collatz_end);
    stackvm_op1(&as, STACKVM_GET, 1);
    stackvm_op(&as, STACKVM_RET);

    int32_t entry = as.size;                     /* locals: count, i, sum */
    stackvm_op1(&as, STACKVM_ENTER, 2);
    int32_t main_loop = as.size;
    stackvm_op1(&as, STACKVM_GET, 1);
    stackvm_op1(&as, STACKVM_GET, 0);
    stackvm_op(&as, STACKVM_LT);
    int32_t main_end = stackvm_forward(&as, STACKVM_JUMP_IF_ZERO);
    stackvm_op1(&as, STACKVM_GET, 1);
    stackvm_call(&as, collatz, 1);
    stackvm_op1(&as, STACKVM_GET, 1);
    stackvm_op1(&as, STACKVM_PUSH, 7);
    stackvm_op(&as, STACKVM_AND);
    stackvm_call(&as, fib, 1);
    stackvm_op(&as, STACKVM_ADD);
    stackvm_op1(&as, STACKVM_GET, 2);
    stackvm_op(&as, STACKVM_ADD);
    stackvm_op1(&as, STACKVM_SET, 2);
    stackvm_op1(&as, STACKVM_GET, 1);
    stackvm_op(&as, STACKVM_DUP);
    stackvm_op(&as, STACKVM_LOAD);
    stackvm_op1(&as, STACKVM_GET, 2);
    stackvm_op(&as, STACKVM_ADD);
    stackvm_op(&as, STACKVM_STORE);
    stackvm_op1(&as, STACKVM_GET, 1);
    stackvm_op1(&as, STACKVM_PUSH, 1);
    stackvm_op(&as, STACKVM_ADD);
    stackvm_op1(&as, STACKVM_SET, 1);
    stackvm_op1(&as, STACKVM_JUMP, main_loop);
    stackvm_place(&as, main_end);
    stackvm_op1(&as, STACKVM_GET, 2);
    stackvm_op(&as, STACKVM_RET);
    return entry;
}

int64_t run(int64_t n)
{
    /* Assembled at run time so the compiler cannot specialise the
     * interpreter on the program. */
    int32_t entry = stackvm_assemble();
    for (uint32_t i = 0; i < 256; i++)
        stackvm_memory[i] = i * 2654435761u;
    uint64_t sum = 0;
    for (int64_t round = 0; round < n; round++) {
        uint32_t count = 3000 + ((uint32_t)round & 255);
        sum = checksum_mix(sum, stackvm_execute(stackvm_code, entry, count));
    }
    for (uint32_t i = 0; i < 256; i++)
        sum = checksum_mix(sum, stackvm_memory[i]);
    return (int64_t)sum;
}
