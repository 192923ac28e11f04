package org.whiteglove.reporting.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.whiteglove.reporting.domain.VipPopulation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The VIP list's history as the reporting store saw it on vip.registry (lists are short: read whole). */
@ApplicationScoped
public class VipPopulationStore {

    private final AgroalDataSource dataSource;

    public VipPopulationStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public VipPopulation load() {
        List<VipPopulation.Membership> members = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT first_seen_at, valid_from, valid_until, removed_at FROM vip_member");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                members.add(new VipPopulation.Membership(Jdbc.instant(rows, "first_seen_at"),
                        Jdbc.instant(rows, "valid_from"), Jdbc.instant(rows, "valid_until"), Jdbc.instant(rows, "removed_at")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the VIP population", e);
        }
        return new VipPopulation(members);
    }
}
