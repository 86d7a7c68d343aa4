package se.saknad.security;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserRepository extends CrudRepository<UserAccount, UUID> {
  @Query("SELECT * FROM app_user WHERE lower(username) = lower(:username)")
  Optional<UserAccount> findByLogin(String username);

  @Query("SELECT * FROM app_user ORDER BY lower(username)")
  List<UserAccount> listAll();

  List<UserAccount> findByIdIn(java.util.Collection<UUID> ids);
}
