package com.jm.job.master.store;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

/**
 * Binds every {@link LocalDateTime} (UTC, as the master stores all times) as text with its
 * microseconds, and reads them back as the driver gives them. Why: Connector/J on MariaDB drops the
 * fraction of a bound date-time (it takes the server for MySQL 5.5), so a run-at instant or a
 * fixed-rate slot bound as a value would silently lose its milliseconds. Every supported server
 * reads this text form into a DATETIME(3) column exactly.
 */
@MappedTypes(LocalDateTime.class)
public class UtcDateTimeTypeHandler extends BaseTypeHandler<LocalDateTime> {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, LocalDateTime value, JdbcType jdbcType)
            throws SQLException {
        ps.setString(i, TEXT.format(value));
    }

    @Override
    public LocalDateTime getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return rs.getObject(columnName, LocalDateTime.class);
    }

    @Override
    public LocalDateTime getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return rs.getObject(columnIndex, LocalDateTime.class);
    }

    @Override
    public LocalDateTime getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return cs.getObject(columnIndex, LocalDateTime.class);
    }
}
