@ Timer interrupts on the virt board: the SP804 (0x090c0000, interrupt 42
@ through the GICv2) ticks every 1 ms of virtual time; the core sleeps in
@ WFI between ticks. The IRQ handler acknowledges the GIC, clears the
@ timer, prints a dot and counts. After ten ticks the program prints the
@ count and the virtual time it took (semihosting SYS_ELAPSED ticks are
@ checked to cover at least 10 ms) and exits with the number of problems.

    .syntax unified
    .arm
    .include "virt.inc"

    .section .text.start, "ax"
    .global _start
_start:
    boot_stacks
    mov     r9, #0                      @ problems
    mov     r10, #0                     @ ticks seen

    @ GIC: enable interrupt 42 at priority 0xa0, mask 0xf0.
    ldr     r1, =GICD
    mov     r0, #1
    str     r0, [r1]                    @ GICD_CTLR
    mov     r0, #1 << 10
    str     r0, [r1, #0x104]            @ GICD_ISENABLER1
    mov     r0, #0xa0
    strb    r0, [r1, #0x400 + 42]       @ GICD_IPRIORITYR
    ldr     r1, =GICC
    mov     r0, #0xf0
    str     r0, [r1, #4]                @ GICC_PMR
    mov     r0, #1
    str     r0, [r1]                    @ GICC_CTLR

    @ Timer 1: 1000 counts of 1 us, periodic, interrupting, 32-bit.
    ldr     r1, =TIMER
    ldr     r0, =999
    str     r0, [r1]                    @ Timer1Load
    mov     r0, #0xe2
    str     r0, [r1, #8]                @ Timer1Control

    msr     cpsr_c, #0x53               @ SVC, IRQs on
1:  wfi
    cmp     r10, #10
    blo     1b
    msr     cpsr_c, #0xd3               @ IRQs off
    mov     r0, #0
    str     r0, [r1, #8]                @ stop the timer

    @ Elapsed guest ticks (SYS_ELAPSED): at 8 ns a tick (the default
    @ --icount-shift 3), the tenth zero comes 999 + 9 * 1000 counts of
    @ 1 us after the start: 1249875 ticks.
    mov     r0, #0x30
    ldr     r1, =elapsed
    svc     0x123456
    ldr     r0, =elapsed
    ldr     r0, [r0]
    ldr     r1, =1249875
    cmp     r0, r1
    addlo   r9, r9, #1

    adr     r0, done_msg
    bl      puts
    semihost_exit r9, exit_block

@ puts(r0): the NUL-terminated string through the UART.
puts:
    ldr     r1, =UART
2:  ldrb    r2, [r0], #1
    cmp     r2, #0
    bxeq    lr
3:  ldr     r3, [r1, #0x18]
    tst     r3, #0x20
    bne     3b
    str     r2, [r1]
    b       2b

irq_handler:
    push    {r0-r3, lr}
    ldr     r1, =GICC
    ldr     r2, [r1, #0x0c]             @ GICC_IAR
    cmp     r2, #42
    addne   r9, r9, #1
    bne     4f
    ldr     r3, =TIMER
    str     r3, [r3, #0x0c]             @ Timer1IntClr
    add     r10, r10, #1
    ldr     r3, =UART
    mov     r0, #'.'
    str     r0, [r3]
4:  str     r2, [r1, #0x10]             @ GICC_EOIR
    pop     {r0-r3, lr}
    subs    pc, lr, #4

other_handler:
    add     r9, r9, #1000
    b       .

    vector_table irq_handler

done_msg:
    .asciz  "\n10 timer interrupts\n"
    .align 2
    .ltorg

    .bss
    .align 3
elapsed:
    .space  8
exit_block:
    .space  8
