package org.whiteglove.prioritizer.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.whiteglove.prioritizer.domain.PriorityMatrix;

import java.time.Instant;

@Entity
@Table(name = "matrix_version")
public class MatrixVersionEntity extends PanacheEntityBase {
    @Id
    public int version;
    @JdbcTypeCode(SqlTypes.JSON)
    public PriorityMatrix matrix;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
}
