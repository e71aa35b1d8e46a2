@ Bare-metal hello for the virt board (ARM state, SVC mode out of reset):
@ prints through the PL011 (polling its flag register), then through
@ semihosting SYS_WRITE0, takes an SVC exception through its own vector
@ table and returns from it, and exits with SYS_EXIT_EXTENDED. The exit
@ status is the number of things that went wrong (0 when all is well).
@ Runs the same on qemu-system-arm -M virt -semihosting -kernel hello.elf.

    .syntax unified
    .arm
    .include "virt.inc"
    .section .text.start, "ax"
    .global _start
_start:
    ldr     sp, =stack_top
    ldr     r0, =vectors
    mcr     p15, 0, r0, c12, c0, 0      @ VBAR
    isb
    mov     r9, #0                      @ error count

    @ The UART: wait while TXFF, then write DR.
    ldr     r1, =0x09000000
    adr     r2, uart_msg
1:  ldrb    r3, [r2], #1
    cmp     r3, #0
    beq     2f
3:  ldr     r4, [r1, #0x18]
    tst     r4, #0x20
    bne     3b
    str     r3, [r1]
    b       1b
2:
    @ Semihosting SYS_WRITE0.
    mov     r0, #0x04
    adr     r1, semi_msg
    svc     0x123456

    @ An SVC exception: the handler adds the comment field's low byte to
    @ r8 and returns; it must come back here in SVC mode.
    mov     r8, #0
    svc     #7
    cmp     r8, #7
    addne   r9, r9, #1
    mrs     r0, cpsr
    and     r0, r0, #0x1f
    cmp     r0, #0x13
    addne   r9, r9, #1

    @ Exit: SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit, r9.
    semihost_exit r9, exit_block

svc_handler:
    ldr     r0, [lr, #-4]               @ the SVC instruction
    and     r0, r0, #0xff
    add     r8, r8, r0
    movs    pc, lr

undef_handler:
    add     r9, r9, #100
    movs    pc, lr

other_handler:
    add     r9, r9, #1000
    b       .

    .align 5
vectors:
    b       other_handler               @ reset
    b       undef_handler               @ undefined
    b       svc_handler                 @ SVC
    b       other_handler               @ prefetch abort
    b       other_handler               @ data abort
    b       other_handler               @ (unused)
    b       other_handler               @ IRQ
    b       other_handler               @ FIQ

uart_msg:
    .asciz  "hello from the PL011\n"
semi_msg:
    .asciz  "hello from semihosting\n"
    .align 2
    .ltorg

    .bss
    .align 2
exit_block:
    .space  8
