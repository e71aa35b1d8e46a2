@ UART input on the virt board: the PL011 (0x09000000, interrupt 33
@ through the GICv2) receives, the IRQ handler drains its FIFO and echoes
@ each byte upper-cased; the core sleeps in WFI between interrupts. A '.'
@ ends the run: the program prints how many bytes it received and exits
@ 0 through semihosting.

    .syntax unified
    .arm
    .include "virt.inc"

    .section .text.start, "ax"
    .global _start
_start:
    boot_stacks
    mov     r9, #0                      @ problems
    mov     r10, #0                     @ bytes received
    mov     r11, #0                     @ set when '.' arrives

    @ GIC: enable interrupt 33 at priority 0xa0, mask 0xf0.
    ldr     r1, =GICD
    mov     r0, #1
    str     r0, [r1]                    @ GICD_CTLR
    mov     r0, #1 << 1
    str     r0, [r1, #0x104]            @ GICD_ISENABLER1
    mov     r0, #0xa0
    strb    r0, [r1, #0x400 + 33]       @ GICD_IPRIORITYR
    ldr     r1, =GICC
    mov     r0, #0xf0
    str     r0, [r1, #4]                @ GICC_PMR
    mov     r0, #1
    str     r0, [r1]                    @ GICC_CTLR

    @ UART: receive and receive-timeout interrupts, then UARTEN, TXE, RXE.
    ldr     r1, =UART
    mov     r0, #0x50
    str     r0, [r1, #0x38]             @ UARTIMSC
    ldr     r0, =0x301
    str     r0, [r1, #0x30]             @ UARTCR

    adr     r0, hello_msg
    bl      puts
    msr     cpsr_c, #0x53               @ SVC, IRQs on
1:  wfi
    cmp     r11, #0
    beq     1b
    msr     cpsr_c, #0xd3               @ IRQs off

    adr     r0, count_msg
    bl      puts
    mov     r0, r10
    bl      put_dec
    mov     r0, #'\n'
    bl      putc
    semihost_exit r9, exit_block

@ putc(r0), puts(r0): through the UART. Clobber r1-r3.
putc:
    ldr     r1, =UART
3:  ldr     r3, [r1, #0x18]
    tst     r3, #0x20
    bne     3b
    str     r0, [r1]
    bx      lr
puts:
    push    {r4, lr}
    mov     r4, r0
2:  ldrb    r0, [r4], #1
    cmp     r0, #0
    popeq   {r4, pc}
    bl      putc
    b       2b

@ put_dec(r0): r0 in decimal (below 10000), without leading zeros.
put_dec:
    push    {r4-r7, lr}
    mov     r4, r0
    adr     r7, powers
    mov     r6, #0                      @ a digit was printed
5:  ldr     r5, [r7], #4
    mov     r0, #0
6:  cmp     r4, r5
    subhs   r4, r4, r5
    addhs   r0, r0, #1
    bhs     6b
    orr     r6, r6, r0
    cmp     r5, #1
    moveq   r6, #1
    cmp     r6, #0
    addne   r0, r0, #'0'
    blne    putc
    cmp     r5, #1
    bne     5b
    pop     {r4-r7, pc}
powers:
    .word   1000, 100, 10, 1

irq_handler:
    sub     lr, lr, #4
    push    {r0-r3, lr}
    ldr     r1, =GICC
    ldr     r2, [r1, #0x0c]             @ GICC_IAR
    cmp     r2, #33
    addne   r9, r9, #1
    bne     8f
    ldr     r1, =UART
7:  ldr     r3, [r1, #0x18]             @ UARTFR
    tst     r3, #0x10                   @ RXFE
    bne     8f
    ldr     r0, [r1]                    @ UARTDR
    and     r0, r0, #0xff
    add     r10, r10, #1
    cmp     r0, #'.'
    moveq   r11, #1
    sub     r3, r0, #'a'
    cmp     r3, #25
    subls   r0, r0, #0x20               @ upper case
    str     r0, [r1]
    b       7b
8:  ldr     r1, =GICC
    str     r2, [r1, #0x10]             @ GICC_EOIR
    ldm     sp!, {r0-r3, pc}^

other_handler:
    add     r9, r9, #1000
    b       .

    vector_table irq_handler

hello_msg:
    .asciz  "type; '.' ends\n"
count_msg:
    .asciz  "\nbytes received: "
    .align 2
    .ltorg

    .bss
    .align 3
exit_block:
    .space  8
    .space  0x2000
stack_top:
