@ The ARM generic timer (CP15 c14): the physical timer, programmed through
@ CNTP_TVAL for 1/1024 s of its frequency (CNTFRQ), interrupts on PPI 30
@ through the GIC while the core sleeps in WFI; the handler re-arms it.
@ After five ticks the counter (CNTPCT, read with MRRC) must have moved at
@ least five periods. Exits with the number of problems; runs the same on
@ qemu-system-arm -M virt.

    .syntax unified
    .arm
    .include "virt.inc"

    .section .text.start, "ax"
    .global _start
_start:
    boot_stacks
    mov     r9, #0
    mov     r10, #0

    ldr     r1, =GICD
    mov     r0, #1
    str     r0, [r1]
    mov     r0, #1 << 30                @ PPI 30: the physical timer
    str     r0, [r1, #0x100]
    ldr     r1, =GICC
    mov     r0, #0xf0
    str     r0, [r1, #4]
    mov     r0, #1
    str     r0, [r1]

    mrc     p15, 0, r0, c14, c0, 0      @ CNTFRQ
    lsr     r11, r0, #10                @ the period: 1/1024 s
    mrrc    p15, 0, r4, r5, c14         @ CNTPCT at the start
    mcr     p15, 0, r11, c14, c2, 0     @ CNTP_TVAL
    mov     r0, #1
    mcr     p15, 0, r0, c14, c2, 1      @ CNTP_CTL: enabled, unmasked
    msr     cpsr_c, #0x53
1:  wfi
    cmp     r10, #5
    blo     1b
    msr     cpsr_c, #0xd3
    mov     r0, #0
    mcr     p15, 0, r0, c14, c2, 1      @ timer off
    mrrc    p15, 0, r6, r7, c14         @ CNTPCT now
    subs    r6, r6, r4
    sbc     r7, r7, r5
    mov     r0, #5
    mul     r0, r11, r0
    cmp     r7, #0
    cmpeq   r6, r0
    addlo   r9, r9, #1                  @ less than five periods passed
    ldr     r1, =UART
    mov     r0, #'\n'
    str     r0, [r1]
    semihost_exit r9, exit_block

irq_handler:
    push    {r0-r3, lr}
    ldr     r1, =GICC
    ldr     r2, [r1, #0x0c]
    cmp     r2, #30
    addne   r9, r9, #1
    bne     2f
    mcr     p15, 0, r11, c14, c2, 0     @ next period
    add     r10, r10, #1
    ldr     r3, =UART
    mov     r0, #'.'
    str     r0, [r3]
2:  str     r2, [r1, #0x10]
    pop     {r0-r3, lr}
    subs    pc, lr, #4

other_handler:
    add     r9, r9, #1000
    b       .

    vector_table irq_handler

    .align 2
    .ltorg

    .bss
    .align 3
exit_block:
    .space  8
