package org.whiteglove.notifier.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.whiteglove.notifier.domain.Alert;

import java.time.Instant;

/** An alert on the live stream; its id is the SSE event id clients resume from. */
@Entity
@Table(name = "stream_event")
public class StreamEventEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @JdbcTypeCode(SqlTypes.JSON)
    public Alert alert;
    @Column(name = "created_at")
    public Instant createdAt;
}
