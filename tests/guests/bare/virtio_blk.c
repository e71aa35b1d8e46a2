/*
 * A virtio-blk driver for the virt board, bare metal (ARM state, no libc).
 *
 * Finds the first block device among the 32 virtio-mmio transports, either
 * modern (version 2: negotiates VIRTIO_F_VERSION_1 only, rings wherever it
 * likes) or legacy (version 1, QEMU virt's default: no features, the queue
 * in one page-numbered block), sets up one split virtqueue and then, with SLOTS requests in flight at a time and the core
 * sleeping in WFI until the device's GIC interrupt:
 *   - reads sectors 0..NSECT and prints their FNV-1a 32-bit checksum (so a
 *     test can compare it with the host image),
 *   - writes a pattern over them, reads it back and checks every byte,
 *   - reads one sector past the end and expects VIRTIO_BLK_S_IOERR.
 * Prints the interrupts taken and used-ring entries consumed, and exits
 * through semihosting with 0 when all is well, 1 on a failed check, 2 on an
 * unexpected exception.
 *
 * Runs the same on
 *   qemu-system-arm -M virt -cpu cortex-a15 -semihosting
 *       -global virtio-mmio.force-legacy=false
 *       -drive if=none,file=IMG,format=raw,id=d0
 *       -device virtio-blk-device,drive=d0 -kernel virtio_blk.elf
 * with an image of at least 1024 sectors (the data in its first NSECT
 * sectors is overwritten).
 */

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#define UART 0x09000000u
#define UART_FR 0x18u
#define UART_FR_TXFF (1u << 5)

#define GICD 0x08000000u
#define GICD_CTLR 0x000u
#define GICD_ISENABLER 0x100u
#define GICD_IPRIORITYR 0x400u
#define GICD_ITARGETSR 0x800u
#define GICC 0x08010000u
#define GICC_CTLR 0x00u
#define GICC_PMR 0x04u
#define GICC_IAR 0x0cu
#define GICC_EOIR 0x10u
#define GIC_SPURIOUS 1023u

/* virtio-mmio transports: slot n at VIO_BASE + n * VIO_STRIDE, its
   interrupt SPI 16 + n, which is GIC interrupt ID 32 + 16 + n. */
#define VIO_BASE 0x0a000000u
#define VIO_STRIDE 0x200u
#define VIO_SLOTS 32u
#define VIO_FIRST_IRQ 48u

#define VIO_MAGIC 0x000u
#define VIO_VERSION 0x004u
#define VIO_DEVICE_ID 0x008u
#define VIO_DEVICE_FEATURES 0x010u
#define VIO_DEVICE_FEATURES_SEL 0x014u
#define VIO_DRIVER_FEATURES 0x020u
#define VIO_DRIVER_FEATURES_SEL 0x024u
#define VIO_QUEUE_SEL 0x030u
#define VIO_QUEUE_NUM_MAX 0x034u
#define VIO_QUEUE_NUM 0x038u
#define VIO_QUEUE_READY 0x044u
#define VIO_GUEST_PAGE_SIZE 0x028u /* legacy only */
#define VIO_QUEUE_ALIGN 0x03cu     /* legacy only */
#define VIO_QUEUE_PFN 0x040u       /* legacy only */
#define VIO_QUEUE_NOTIFY 0x050u
#define VIO_INTERRUPT_STATUS 0x060u
#define VIO_INTERRUPT_ACK 0x064u
#define VIO_STATUS 0x070u
#define VIO_QUEUE_DESC_LOW 0x080u
#define VIO_QUEUE_DESC_HIGH 0x084u
#define VIO_QUEUE_DRIVER_LOW 0x090u
#define VIO_QUEUE_DRIVER_HIGH 0x094u
#define VIO_QUEUE_DEVICE_LOW 0x0a0u
#define VIO_QUEUE_DEVICE_HIGH 0x0a4u
#define VIO_CONFIG_GENERATION 0x0fcu
#define VIO_CONFIG 0x100u

#define VIO_MAGIC_VALUE 0x74726976u /* "virt" */
#define VIO_DEVICE_BLOCK 2u

#define STATUS_ACKNOWLEDGE 1u
#define STATUS_DRIVER 2u
#define STATUS_DRIVER_OK 4u
#define STATUS_FEATURES_OK 8u

#define INT_USED_BUFFER 1u

/* VIRTIO_F_VERSION_1 is feature bit 32: bit 0 of feature word 1. */
#define F_VERSION_1_WORD1 1u

#define DESC_F_NEXT 1u
#define DESC_F_WRITE 2u

#define BLK_T_IN 0u
#define BLK_T_OUT 1u
#define BLK_S_OK 0u
#define BLK_S_IOERR 1u

#define SECTOR 512u
#define NSECT 512u                /* sectors read, written and checked */
#define REQ_SECT 8u               /* sectors a request */
#define REQ_BYTES (REQ_SECT * SECTOR)
#define NREQ (NSECT / REQ_SECT)
#define MIN_CAPACITY 1024u

/* Each request slot owns three descriptors (header, data, status), so
   QSIZE / 3 requests fit; SLOTS of them are kept in flight. */
#define QSIZE 16u
#define SLOTS 5u

static inline u32 rd(u32 addr) { return *(volatile u32 *)addr; }
static inline void wr(u32 addr, u32 v) { *(volatile u32 *)addr = v; }
static inline void wrb(u32 addr, u8 v) { *(volatile u8 *)addr = v; }

/* The ring updates must reach memory in order, and before the notify;
   the "memory" clobber also stops the compiler caching buffer contents
   across the device's DMA. */
static inline void dmb(void) { __asm__ volatile("dmb" ::: "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static inline void irq_enable(void) { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("cpsid i" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

/*
 * Reset: vector base, an IRQ stack (the top 4 KiB) and the SVC stack below
 * it, then main; its result is the exit status. Exceptions other than IRQ
 * are fatal: the handler gets the mode it was taken in and LR, on a stack
 * of its own, since the faulting mode may have none.
 */
__asm__(
    "    .pushsection .text.start, \"ax\"\n"
    "    .arm\n"
    "    .global _start\n"
    "_start:\n"
    "    ldr     r0, =vectors\n"
    "    mcr     p15, 0, r0, c12, c0, 0\n" /* VBAR */
    "    isb\n"
    "    msr     cpsr_c, #0xd2\n"          /* IRQ mode, IRQ and FIQ masked */
    "    ldr     sp, =stack_top\n"
    "    msr     cpsr_c, #0xd3\n"          /* SVC mode */
    "    ldr     sp, =stack_top - 0x1000\n"
    "    bl      main\n"
    "    b       guest_exit\n"
    "irq_entry:\n"
    "    sub     lr, lr, #4\n"
    "    push    {r0-r3, r12, lr}\n"       /* 24 bytes: sp stays 8-aligned */
    "    bl      irq_handler\n"
    "    ldm     sp!, {r0-r3, r12, pc}^\n"
    "fatal_entry:\n"
    "    mrs     r0, cpsr\n"
    "    mov     r1, lr\n"
    "    ldr     sp, =stack_top - 0x800\n"
    "    b       fatal_exception\n"
    "    .balign 32\n"
    "vectors:\n"
    "    b       fatal_entry\n"            /* reset */
    "    b       fatal_entry\n"            /* undefined */
    "    b       fatal_entry\n"            /* SVC */
    "    b       fatal_entry\n"            /* prefetch abort */
    "    b       fatal_entry\n"            /* data abort */
    "    b       fatal_entry\n"            /* (unused) */
    "    b       irq_entry\n"              /* IRQ */
    "    b       fatal_entry\n"            /* FIQ */
    "    .ltorg\n"
    "    .popsection\n");

/* GCC may turn loops into calls to these even when freestanding; keep it
   from turning these loops into calls to themselves. */
__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memset(void *dst, int c, unsigned int n)
{
    u8 *d = dst;
    while (n--)
        *d++ = (u8)c;
    return dst;
}

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memcpy(void *dst, const void *src, unsigned int n)
{
    u8 *d = dst;
    const u8 *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

/* ---- Output and exit ---- */

static void putc(char c)
{
    while (rd(UART + UART_FR) & UART_FR_TXFF)
        ;
    wr(UART, (u8)c);
}

static void puts(const char *s)
{
    while (*s)
        putc(*s++);
}

static void put_hex(u32 v)
{
    for (int shift = 28; shift >= 0; shift -= 4)
        putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

/* Decimal by subtracting powers of ten: dividing a u64 would need libgcc's
   __aeabi_uldivmod, which is not linked. */
static void put_dec(u64 v)
{
    u64 pow10[20];
    pow10[0] = 1;
    for (int i = 1; i < 20; i++)
        pow10[i] = pow10[i - 1] * 10;
    int i = 19;
    while (i > 0 && pow10[i] > v)
        i--;
    for (; i >= 0; i--) {
        char digit = '0';
        while (v >= pow10[i]) {
            v -= pow10[i];
            digit++;
        }
        putc(digit);
    }
}

static u32 exit_block[2];

void __attribute__((noreturn, used)) guest_exit(u32 status)
{
    exit_block[0] = 0x20026; /* ADP_Stopped_ApplicationExit */
    exit_block[1] = status;
    register u32 r0 __asm__("r0") = 0x20; /* SYS_EXIT_EXTENDED */
    register u32 *r1 __asm__("r1") = exit_block;
    __asm__ volatile("svc 0x123456" : : "r"(r0), "r"(r1) : "memory");
    for (;;)
        ;
}

static void __attribute__((noreturn)) fail(const char *msg)
{
    puts("FAIL: ");
    puts(msg);
    putc('\n');
    guest_exit(1);
}

void __attribute__((noreturn, used)) fatal_exception(u32 cpsr, u32 lr)
{
    puts("FAIL: unexpected exception, mode ");
    put_hex(cpsr & 0x1f);
    puts(", lr ");
    put_hex(lr);
    putc('\n');
    guest_exit(2);
}

/* ---- The virtqueue (split ring, virtio 1.1 section 2.6) ---- */

struct virtq_desc {
    u64 addr;
    u32 len;
    u16 flags;
    u16 next;
};

struct virtq_avail {
    u16 flags;
    u16 idx;
    u16 ring[QSIZE];
    u16 used_event;
};

struct virtq_used_elem {
    u32 id;
    u32 len;
};

struct virtq_used {
    u16 flags;
    u16 idx;
    struct virtq_used_elem ring[QSIZE];
    u16 avail_event;
};

struct blk_req_hdr {
    u32 type;
    u32 reserved;
    u64 sector;
};

/* The spec's minimum alignments: the three parts need not be contiguous
   for a modern transport, and a device must not assume they are. */
static struct virtq_desc modern_desc[QSIZE] __attribute__((aligned(16)));
static struct virtq_avail modern_avail __attribute__((aligned(2)));
static struct virtq_used modern_used __attribute__((aligned(4)));
/* A legacy (version 1) transport takes the queue as one block at a page
   number: the descriptors, the available ring after them, the used ring
   at the next page (QueueAlign). */
#define LEGACY_PAGE 4096u
static u8 legacy_queue[2 * LEGACY_PAGE] __attribute__((aligned(4096)));
static int legacy;

/* Wherever the transport wants them; the used ring is written by the
   device: volatile, so every poll reads memory. */
static struct virtq_desc *vq_desc = modern_desc;
static struct virtq_avail *vq_avail = &modern_avail;
static volatile struct virtq_used *vq_used = &modern_used;

static struct blk_req_hdr req_hdr[SLOTS] __attribute__((aligned(16)));
static volatile u8 req_status[SLOTS];

/* What the driver remembers about a slot's request. */
static struct {
    int busy;
    u32 type;
    u64 sector;
    u32 bytes;
    u32 expect;  /* the status the request must complete with */
    u32 status;  /* the status it did complete with */
} slot[SLOTS];

static u16 avail_idx;    /* the driver's copy of vq_avail.idx */
static u16 last_used;    /* used-ring entries consumed so far (mod 2^16) */
static u32 in_flight;

static u32 dev_base;
static u32 dev_irq;

/* Counted in the IRQ handler; read in main with IRQs masked. */
static volatile u32 irqs_taken;
static volatile u32 irqs_stray;
static u32 used_consumed;

/* Sectors 0..NSECT, one REQ_BYTES part a request. */
static u8 disk_buf[NSECT * SECTOR] __attribute__((aligned(8)));

void __attribute__((used)) irq_handler(void)
{
    u32 iar = rd(GICC + GICC_IAR);
    u32 id = iar & 0x3ff;
    if (id == GIC_SPURIOUS)
        return;
    if (id == dev_irq) {
        /* The device holds its line while InterruptStatus is non-zero;
           the ack drops it. The used ring itself is read in main. */
        u32 isr = rd(dev_base + VIO_INTERRUPT_STATUS);
        wr(dev_base + VIO_INTERRUPT_ACK, isr);
        irqs_taken++;
    } else {
        irqs_stray++;
    }
    wr(GICC + GICC_EOIR, iar);
}

/* Puts a request in slot s on the avail ring (not yet notified). */
static void queue_request(u32 s, u32 type, u64 sector, u8 *buf, u32 bytes,
                          u32 expect)
{
    u32 d = 3 * s;

    req_hdr[s].type = type;
    req_hdr[s].reserved = 0;
    req_hdr[s].sector = sector;
    /* Not a valid status: shows whether the device wrote it. */
    req_status[s] = 0xff;

    vq_desc[d].addr = (u32)&req_hdr[s];
    vq_desc[d].len = sizeof req_hdr[s];
    vq_desc[d].flags = DESC_F_NEXT;
    vq_desc[d].next = d + 1;

    vq_desc[d + 1].addr = (u32)buf;
    vq_desc[d + 1].len = bytes;
    vq_desc[d + 1].flags = DESC_F_NEXT | (type == BLK_T_IN ? DESC_F_WRITE : 0);
    vq_desc[d + 1].next = d + 2;

    vq_desc[d + 2].addr = (u32)&req_status[s];
    vq_desc[d + 2].len = 1;
    vq_desc[d + 2].flags = DESC_F_WRITE;
    vq_desc[d + 2].next = 0;

    slot[s].busy = 1;
    slot[s].type = type;
    slot[s].sector = sector;
    slot[s].bytes = bytes;
    slot[s].expect = expect;
    in_flight++;

    vq_avail->ring[avail_idx % QSIZE] = d;
    /* The device may read the ring entry as soon as it sees the index. */
    dmb();
    avail_idx++;
    vq_avail->idx = avail_idx;
}

static void notify(void)
{
    dsb();
    wr(dev_base + VIO_QUEUE_NOTIFY, 0);
}

/*
 * Sleeps until the used ring has entries to consume. The check runs with
 * IRQs masked so a completion cannot slip in between it and the WFI (WFI
 * wakes on a pending interrupt even when masked); the interrupt is then
 * taken in the short unmasked window.
 */
static void wait_for_used(void)
{
    irq_disable();
    while (vq_used->idx == last_used) {
        wfi();
        irq_enable();
        irq_disable();
    }
    irq_enable();
}

/* Consumes every entry on the used ring, checking each. */
static void reap(void)
{
    /* The entries and status bytes are read after the index that
       published them. */
    dmb();
    while (last_used != vq_used->idx) {
        u32 id = vq_used->ring[last_used % QSIZE].id;
        u32 len = vq_used->ring[last_used % QSIZE].len;
        last_used++;
        used_consumed++;

        u32 s = id / 3;
        if (id % 3 != 0 || s >= SLOTS || !slot[s].busy)
            fail("used ring names a chain that is not in flight");
        slot[s].busy = 0;
        in_flight--;
        slot[s].status = req_status[s];

        if (slot[s].status != slot[s].expect) {
            puts("FAIL: ");
            puts(slot[s].type == BLK_T_IN ? "read" : "write");
            puts(" at sector ");
            put_dec(slot[s].sector);
            puts(": status ");
            put_dec(slot[s].status);
            puts(", expected ");
            put_dec(slot[s].expect);
            putc('\n');
            guest_exit(1);
        }
        /* The driver may rely only on the first len bytes written: for a
           good read that must cover the data and the status byte. */
        if (slot[s].status == BLK_S_OK && slot[s].type == BLK_T_IN &&
            len < slot[s].bytes + 1)
            fail("used length of a read does not cover its data");
    }
}

/* Transfers sectors 0..NSECT between disk and disk_buf, NREQ requests of
   REQ_SECT sectors, up to SLOTS of them in flight at once. */
static void transfer(u32 type)
{
    u32 next = 0, done_before = used_consumed;

    while (used_consumed - done_before < NREQ) {
        int queued = 0;
        for (u32 s = 0; s < SLOTS && next < NREQ; s++) {
            if (slot[s].busy)
                continue;
            queue_request(s, type, (u64)next * REQ_SECT,
                          disk_buf + next * REQ_BYTES, REQ_BYTES, BLK_S_OK);
            next++;
            queued = 1;
        }
        /* One notify for the batch: the device finds them all. */
        if (queued)
            notify();
        wait_for_used();
        reap();
    }
}

static u32 fnv1a(const u8 *p, u32 n)
{
    u32 h = 0x811c9dc5u;
    while (n--) {
        h ^= *p++;
        h *= 0x01000193u;
    }
    return h;
}

static u32 pattern(u32 sector, u32 word)
{
    return sector * 0x9e3779b1u ^ word;
}

/* ---- Setup ---- */

static u32 find_block_device(void)
{
    for (u32 n = 0; n < VIO_SLOTS; n++) {
        u32 base = VIO_BASE + n * VIO_STRIDE;
        if (rd(base + VIO_MAGIC) != VIO_MAGIC_VALUE)
            continue;
        /* An empty slot still answers, with device ID 0. */
        if (rd(base + VIO_DEVICE_ID) != VIO_DEVICE_BLOCK)
            continue;
        u32 version = rd(base + VIO_VERSION);
        if (version != 1 && version != 2)
            fail("block device has an unknown virtio-mmio version");
        legacy = version == 1;
        return n;
    }
    fail("no virtio block device");
}

/* The legacy handshake (virtio 1.1, 4.2.4): no VERSION_1, no
   FEATURES_OK; the queue goes where QueuePFN says. */
static void init_legacy_device(void)
{
    u32 b = dev_base;

    wr(b + VIO_STATUS, 0);
    wr(b + VIO_STATUS, STATUS_ACKNOWLEDGE);
    wr(b + VIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
    wr(b + VIO_DRIVER_FEATURES_SEL, 0);
    wr(b + VIO_DRIVER_FEATURES, 0);
    wr(b + VIO_GUEST_PAGE_SIZE, LEGACY_PAGE);
    wr(b + VIO_QUEUE_SEL, 0);
    if (rd(b + VIO_QUEUE_PFN) != 0)
        fail("queue 0 already in use");
    if (rd(b + VIO_QUEUE_NUM_MAX) < QSIZE)
        fail("queue 0 too small");

    memset(legacy_queue, 0, sizeof legacy_queue);
    vq_desc = (struct virtq_desc *)legacy_queue;
    vq_avail = (struct virtq_avail *)(legacy_queue + QSIZE * sizeof(struct virtq_desc));
    vq_used = (volatile struct virtq_used *)(legacy_queue + LEGACY_PAGE);
    avail_idx = 0;
    last_used = 0;

    wr(b + VIO_QUEUE_NUM, QSIZE);
    wr(b + VIO_QUEUE_ALIGN, LEGACY_PAGE);
    dsb();
    wr(b + VIO_QUEUE_PFN, (u32)legacy_queue / LEGACY_PAGE);
    wr(b + VIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_DRIVER_OK);
}

static void init_device(void)
{
    u32 b = dev_base;

    if (legacy) {
        init_legacy_device();
        return;
    }

    wr(b + VIO_STATUS, 0);
    while (rd(b + VIO_STATUS) != 0)
        ;
    wr(b + VIO_STATUS, STATUS_ACKNOWLEDGE);
    wr(b + VIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);

    wr(b + VIO_DEVICE_FEATURES_SEL, 1);
    if (!(rd(b + VIO_DEVICE_FEATURES) & F_VERSION_1_WORD1))
        fail("device does not offer VIRTIO_F_VERSION_1");
    /* Nothing else: no multi-sector limits, no read-only, no flush. */
    wr(b + VIO_DRIVER_FEATURES_SEL, 0);
    wr(b + VIO_DRIVER_FEATURES, 0);
    wr(b + VIO_DRIVER_FEATURES_SEL, 1);
    wr(b + VIO_DRIVER_FEATURES, F_VERSION_1_WORD1);

    wr(b + VIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK);
    if (!(rd(b + VIO_STATUS) & STATUS_FEATURES_OK))
        fail("device refused the features");

    wr(b + VIO_QUEUE_SEL, 0);
    if (rd(b + VIO_QUEUE_READY) != 0)
        fail("queue 0 already in use");
    if (rd(b + VIO_QUEUE_NUM_MAX) < QSIZE)
        fail("queue 0 too small");

    memset(modern_desc, 0, sizeof modern_desc);
    memset(&modern_avail, 0, sizeof modern_avail);
    memset(&modern_used, 0, sizeof modern_used);
    avail_idx = 0;
    last_used = 0;

    wr(b + VIO_QUEUE_NUM, QSIZE);
    wr(b + VIO_QUEUE_DESC_LOW, (u32)vq_desc);
    wr(b + VIO_QUEUE_DESC_HIGH, 0);
    wr(b + VIO_QUEUE_DRIVER_LOW, (u32)vq_avail);
    wr(b + VIO_QUEUE_DRIVER_HIGH, 0);
    wr(b + VIO_QUEUE_DEVICE_LOW, (u32)vq_used);
    wr(b + VIO_QUEUE_DEVICE_HIGH, 0);
    dsb();
    wr(b + VIO_QUEUE_READY, 1);

    wr(b + VIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK |
                           STATUS_DRIVER_OK);
}

static void init_gic(u32 id)
{
    wr(GICD + GICD_CTLR, 1);
    wrb(GICD + GICD_IPRIORITYR + id, 0xa0);
    wrb(GICD + GICD_ITARGETSR + id, 1); /* CPU 0 */
    wr(GICD + GICD_ISENABLER + 4 * (id / 32), 1u << (id % 32));
    wr(GICC + GICC_PMR, 0xf0);
    wr(GICC + GICC_CTLR, 1);
}

/* The 64-bit capacity, read again if the device changed it meanwhile. */
static u64 read_capacity(void)
{
    u32 gen, lo, hi;
    do {
        gen = rd(dev_base + VIO_CONFIG_GENERATION);
        lo = rd(dev_base + VIO_CONFIG);
        hi = rd(dev_base + VIO_CONFIG + 4);
    } while (gen != rd(dev_base + VIO_CONFIG_GENERATION));
    return (u64)hi << 32 | lo;
}

int main(void)
{
    u32 n = find_block_device();
    dev_base = VIO_BASE + n * VIO_STRIDE;
    dev_irq = VIO_FIRST_IRQ + n;
    puts("virtio-blk at slot ");
    put_dec(n);
    puts(", interrupt ");
    put_dec(dev_irq);
    putc('\n');

    init_gic(dev_irq);
    init_device();

    u64 capacity = read_capacity();
    puts("capacity: ");
    put_dec(capacity);
    puts(" sectors\n");
    if (capacity < MIN_CAPACITY)
        fail("disk smaller than 1024 sectors");

    /* a. What is on the disk now. */
    transfer(BLK_T_IN);
    puts("disk checksum before: ");
    put_hex(fnv1a(disk_buf, sizeof disk_buf));
    putc('\n');

    /* b. A pattern that differs in every word of every sector. */
    u32 *words = (u32 *)disk_buf;
    for (u32 i = 0; i < sizeof disk_buf / 4; i++)
        words[i] = pattern(i / (SECTOR / 4), i % (SECTOR / 4));
    transfer(BLK_T_OUT);
    puts("wrote ");
    put_dec(NSECT);
    puts(" sectors\n");

    /* c. Back again, over a buffer that holds something else. */
    for (u32 i = 0; i < sizeof disk_buf / 4; i++)
        words[i] = 0xdeadbeef;
    transfer(BLK_T_IN);
    for (u32 i = 0; i < sizeof disk_buf / 4; i++) {
        if (words[i] != pattern(i / (SECTOR / 4), i % (SECTOR / 4))) {
            puts("FAIL: mismatch in sector ");
            put_dec(i / (SECTOR / 4));
            putc('\n');
            guest_exit(1);
        }
    }
    puts("verified ");
    put_dec(NSECT);
    puts(" sectors\n");

    /* d. One sector just past the end. */
    queue_request(0, BLK_T_IN, capacity, disk_buf, SECTOR, BLK_S_IOERR);
    notify();
    while (in_flight) {
        wait_for_used();
        reap();
    }
    puts("out-of-range request: status ");
    put_dec(slot[0].status);
    putc('\n');

    irq_disable();
    u32 taken = irqs_taken, stray = irqs_stray;
    irq_enable();
    if (stray)
        fail("interrupts from something other than the device");
    if (taken == 0)
        fail("no device interrupt taken");
    puts("interrupts: ");
    put_dec(taken);
    puts(", used entries: ");
    put_dec(used_consumed);
    putc('\n');
    return 0;
}
