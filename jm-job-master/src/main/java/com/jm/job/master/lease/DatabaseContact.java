package com.jm.job.master.lease;

import com.jm.job.master.clock.DatabaseClock;
import com.jm.job.master.config.JmJobMasterProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether this master has been in touch with the database long enough to believe a lapsed lease.
 *
 * <p>A lease lapses when its node did not renew it, but while the database (or this master) was
 * away no node could renew anything: a run that finished meanwhile has its outcome waiting in its
 * node, which resends it once the master answers again. Were the first pass after the outage to end
 * such runs LOST, those resends would be refused and the outcomes lost. So a lease counts as
 * abandoned only when its node had one whole lease of contact to renew it: a run whose lease was
 * last granted or renewed before contact began waits until contact has lasted one lease (a node
 * renews several times in a lease, see the client's lease margin), a run granted after it is judged
 * at once. Contact begins when this master starts and again after a pass that could not reach the
 * database or a gap between passes longer than half a lease: the client keeps its heartbeat interval
 * under two fifths of the lease, so an outage that could lapse a lease (longer than three fifths of
 * it) is always seen as a gap.
 *
 * <p>Times are the database's, as for every decision about what runs.
 */
@Component
public class DatabaseContact {

    private static final Logger log = LoggerFactory.getLogger(DatabaseContact.class);

    private final DatabaseClock databaseClock;
    private final Clock clock;
    private final Duration lease;
    private final Duration deliveryLease;
    private final Duration gapLimit;
    /** This master's start by its own clock, turned into database time at the first look. */
    private final long startedAtMillis;

    /** No look has succeeded or failed yet: contact began at the start. */
    private boolean fresh = true;

    private LocalDateTime lastContact;
    private LocalDateTime since;

    public DatabaseContact(DatabaseClock databaseClock, Clock clock, Leases leases, JmJobMasterProperties properties) {
        this.databaseClock = databaseClock;
        this.clock = clock;
        this.lease = leases.length();
        this.deliveryLease = leases.granted(true);
        Duration halfLease = lease.dividedBy(2);
        // A loop that looks less often than that would see every pause between its own passes as a gap.
        Duration passGap = properties.getLeaseCheckInterval().multipliedBy(2).plusSeconds(1);
        this.gapLimit = halfLease.compareTo(passGap) >= 0 ? halfLease : passGap;
        this.startedAtMillis = clock.millis();
    }

    /**
     * Reads the database clock (one query; throws when the database is away, which the caller then
     * reports through {@link #lost()}) and answers which lapsed leases may be ended now.
     */
    public synchronized Trust look() {
        long jvmBefore = clock.millis();
        LocalDateTime now = databaseClock.now();
        if (fresh) {
            since = now.minus(Duration.ofMillis(Math.max(0, jvmBefore - startedAtMillis)));
            fresh = false;
        } else if (lastContact == null || Duration.between(lastContact, now).compareTo(gapLimit) > 0) {
            since = now;
            log.info(
                    "In touch with the database again at {}: lapsed leases granted before then are ended from {},"
                            + " so that nodes can renew them or resend their outcomes first",
                    now,
                    now.plus(lease));
        }
        lastContact = now;
        return now.isBefore(since.plus(lease)) ? new Trust(since.plus(deliveryLease)) : Trust.ALL;
    }

    /** The present contact with the database (database times), or empty while there is none. */
    public synchronized Optional<Span> current() {
        return lastContact == null ? Optional.empty() : Optional.of(new Span(since, lastContact));
    }

    /** Contact since {@code since}, last seen at {@code lastLook}. */
    public record Span(LocalDateTime since, LocalDateTime lastLook) {}

    /** A pass could not reach the database: contact begins again at the next look that can. */
    public synchronized void lost() {
        fresh = false;
        lastContact = null;
    }

    /**
     * Which lapsed leases may end now: all of them, or ({@code deliveriesFrom} set) only delivery
     * leases granted after contact began, {@code lease_until} at least {@code deliveriesFrom}: their
     * nodes had all of them to acknowledge. Every other lapse waits, and so do broadcast runs whose
     * node merely looks offline (its heartbeats could not land either).
     */
    public record Trust(LocalDateTime deliveriesFrom) {

        /** As after a lease of unbroken contact: every lapsed lease may end. */
        public static final Trust ALL = new Trust(null);

        public boolean all() {
            return deliveriesFrom == null;
        }
    }
}
