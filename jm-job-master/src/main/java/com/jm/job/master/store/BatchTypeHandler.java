package com.jm.job.master.store;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds a {@link Batch} as a JSON array: numbers stay numbers, records become objects named by their
 * components, enums their names, strings are escaped by the JSON writer (never spliced into SQL).
 * Parameters only: no column is ever read back as a batch.
 */
@MappedTypes(Batch.class)
public class BatchTypeHandler extends BaseTypeHandler<Batch<?>> {

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Batch<?> batch, JdbcType jdbcType)
            throws SQLException {
        ps.setString(i, json.writeValueAsString(batch.rows()));
    }

    @Override
    public Batch<?> getNullableResult(ResultSet rs, String columnName) {
        throw new UnsupportedOperationException("a batch is a parameter, never a column");
    }

    @Override
    public Batch<?> getNullableResult(ResultSet rs, int columnIndex) {
        throw new UnsupportedOperationException("a batch is a parameter, never a column");
    }

    @Override
    public Batch<?> getNullableResult(CallableStatement cs, int columnIndex) {
        throw new UnsupportedOperationException("a batch is a parameter, never a column");
    }
}
