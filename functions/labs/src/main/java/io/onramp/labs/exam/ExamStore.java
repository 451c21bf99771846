package io.onramp.labs.exam;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.onramp.core.store.Tx;

/**
 * Exams and their tasks in PostgreSQL. Methods that take a {@link Connection} run inside the caller's transaction
 * (closing an exam locks its row while the namespace is graded); the others run in their own.
 */
public final class ExamStore {

    private static final String COLUMNS = "id, owner, workspace_id, namespace, lab_ids, minutes, pass_percent, state, "
            + "created_at, created_by, prepared_at, started_at, deadline, closed_at, closed_by, score, max_score";

    /** A task's result at closing. */
    public record TaskScore(String labId, String taskId, int score, boolean passed) {
    }

    private final DataSource dataSource;

    public ExamStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Optional<Exam> find(UUID id) {
        return Tx.run(dataSource, c -> load(c, id, ""));
    }

    /** The workspace's open exam (there is at most one), whatever its deadline. */
    public Optional<Exam> findOpenOn(UUID workspaceId) {
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM exams WHERE workspace_id = ? AND state = 'OPEN'")) {
                ps.setObject(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? load(c, rs.getObject(1, UUID.class), "") : Optional.<Exam>empty();
                }
            }
        });
    }

    /** Whether the developer has an exam that is not closed yet (hints stay hidden until it is graded). */
    public boolean hasOpen(String owner) {
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM exams WHERE owner = ? AND state = 'OPEN' LIMIT 1")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Exams of one developer, or of everyone when {@code owner} is null; newest first, at most {@code limit}. */
    public List<Exam> list(String owner, int limit) {
        return Tx.run(dataSource, c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM exams"
                    + (owner == null ? "" : " WHERE owner = ?") + " ORDER BY created_at DESC, id LIMIT ?")) {
                int i = 1;
                if (owner != null) {
                    ps.setString(i++, owner);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            List<Exam> exams = new ArrayList<>();
            for (UUID id : ids) {
                load(c, id, "").ifPresent(exams::add);
            }
            return exams;
        });
    }

    /**
     * Inserts a new open exam with its tasks; false (nothing written) when the workspace already has an open exam
     * (the partial unique index decides, so concurrent starts leave one row).
     */
    public boolean insert(Exam e) {
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO exams (" + COLUMNS + ") VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, NULL, ?, ?, NULL, NULL, NULL, ?) "
                    + "ON CONFLICT (workspace_id) WHERE state = 'OPEN' DO NOTHING")) {
                ps.setObject(1, e.id());
                ps.setString(2, e.owner());
                ps.setObject(3, e.workspaceId());
                ps.setString(4, e.namespace());
                ps.setArray(5, c.createArrayOf("text", e.labIds().toArray()));
                ps.setInt(6, e.minutes());
                ps.setInt(7, e.passPercent());
                ps.setTimestamp(8, Timestamp.from(e.createdAt()));
                ps.setString(9, e.createdBy());
                ps.setTimestamp(10, Timestamp.from(e.startedAt()));
                ps.setTimestamp(11, Timestamp.from(e.deadline()));
                ps.setInt(12, e.maxScore());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO exam_tasks (exam_id, position, lab_id, "
                    + "lab_version, task_id, max_score) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (ExamTask t : e.tasks()) {
                    ps.setObject(1, e.id());
                    ps.setInt(2, t.position());
                    ps.setString(3, t.labId());
                    ps.setInt(4, t.labVersion());
                    ps.setString(5, t.taskId());
                    ps.setInt(6, t.maxScore());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return true;
        });
    }

    /** The exam with its row locked until the transaction ends (waits for another holder). */
    public Optional<Exam> lock(Connection c, UUID id) throws SQLException {
        return load(c, id, " FOR UPDATE");
    }

    /**
     * One open exam past its deadline, locked; exams another transaction holds (being submitted, prepared or closed
     * by another replica) and those in {@code skip} are passed over.
     */
    public Optional<Exam> claimExpired(Connection c, Instant now, Collection<UUID> skip) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM exams WHERE state = 'OPEN' AND deadline <= ? "
                + "AND NOT (id = ANY (?)) ORDER BY deadline LIMIT 1 FOR UPDATE SKIP LOCKED")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("uuid", skip.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return load(c, rs.getObject(1, UUID.class), "");
            }
        }
    }

    /** Records that the namespace is ready: the clock starts now. */
    public void markPrepared(Connection c, UUID id, Instant at, Instant deadline) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE exams SET prepared_at = ?, started_at = ?, deadline = ? "
                + "WHERE id = ? AND state = 'OPEN' AND prepared_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setTimestamp(3, Timestamp.from(deadline));
            ps.setObject(4, id);
            ps.executeUpdate();
        }
    }

    /** Closes an open exam with its task results; false when it was not open (nothing written). */
    public boolean close(Connection c, UUID id, Instant at, ClosedBy by, List<TaskScore> scores) throws SQLException {
        int total = scores.stream().mapToInt(TaskScore::score).sum();
        try (PreparedStatement ps = c.prepareStatement("UPDATE exams SET state = 'CLOSED', closed_at = ?, "
                + "closed_by = ?, score = ? WHERE id = ? AND state = 'OPEN'")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, by.name());
            ps.setInt(3, total);
            ps.setObject(4, id);
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE exam_tasks SET score = ?, passed = ? WHERE exam_id = ? AND lab_id = ? AND task_id = ?")) {
            for (TaskScore s : scores) {
                ps.setInt(1, s.score());
                ps.setBoolean(2, s.passed());
                ps.setObject(3, id);
                ps.setString(4, s.labId());
                ps.setString(5, s.taskId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return true;
    }

    /**
     * Counts a checkTask run on an exam task, only while the exam is open and before its deadline (a check after the
     * deadline never touches the exam); false when it did not count.
     */
    public boolean countCheck(UUID examId, String labId, String taskId, Instant now) {
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE exam_tasks SET check_runs = check_runs + 1 "
                    + "WHERE exam_id = ? AND lab_id = ? AND task_id = ? AND EXISTS (SELECT 1 FROM exams "
                    + "WHERE id = ? AND state = 'OPEN' AND deadline > ?)")) {
                ps.setObject(1, examId);
                ps.setString(2, labId);
                ps.setString(3, taskId);
                ps.setObject(4, examId);
                ps.setTimestamp(5, Timestamp.from(now));
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static Optional<Exam> load(Connection c, UUID id, String lock) throws SQLException {
        Exam head;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM exams WHERE id = ?" + lock)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                head = read(rs);
            }
        }
        List<ExamTask> tasks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT position, lab_id, lab_version, task_id, max_score, "
                + "score, passed, check_runs FROM exam_tasks WHERE exam_id = ? ORDER BY position")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tasks.add(new ExamTask(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getInt(5), rs.getObject(6, Integer.class), rs.getObject(7, Boolean.class),
                            rs.getInt(8)));
                }
            }
        }
        return Optional.of(new Exam(head.id(), head.owner(), head.workspaceId(), head.namespace(), head.labIds(),
                head.minutes(), head.passPercent(), head.state(), head.createdAt(), head.createdBy(),
                head.preparedAt(), head.startedAt(), head.deadline(), head.closedAt(), head.closedBy(), head.score(),
                head.maxScore(), tasks));
    }

    private static Exam read(ResultSet rs) throws SQLException {
        Array labs = rs.getArray(5);
        List<String> labIds = Arrays.asList((String[]) labs.getArray());
        String closedBy = rs.getString(15);
        return new Exam(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                labIds, rs.getInt(6), rs.getInt(7), ExamState.valueOf(rs.getString(8)), instant(rs, 9),
                rs.getString(10), instant(rs, 11), instant(rs, 12), instant(rs, 13), instant(rs, 14),
                closedBy == null ? null : ClosedBy.valueOf(closedBy), rs.getObject(16, Integer.class),
                rs.getInt(17), List.of());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
