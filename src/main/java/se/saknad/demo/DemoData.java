package se.saknad.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.children.ChildApi;
import se.saknad.children.ChildApi.ChildProfile;
import se.saknad.children.ChildPhotos;
import se.saknad.children.Children;
import se.saknad.geo.GeoPoint;
import se.saknad.homes.HomeApi.NewHome;
import se.saknad.homes.Homes;
import se.saknad.recipients.RecipientApi;
import se.saknad.recipients.RecipientApi.Contact;
import se.saknad.recipients.RecipientApi.Coverage;
import se.saknad.recipients.RecipientApi.RecipientRequest;
import se.saknad.recipients.Recipients;
import se.saknad.security.Caller;
import se.saknad.security.ManagingUsers;
import se.saknad.security.Role;
import se.saknad.security.UserApi.NewUser;
import se.saknad.security.UserApi.UserView;

/**
 * Demo data for the embedded default: two homes, recipients for the Stockholm and Syd police
 * regions and their municipalities, a few children, and one user per role. Loaded once, into an
 * installation that has no homes yet. Phone numbers are from the range reserved for fiction.
 */
@Singleton
@Order(100)
@Requires(property = "saknad.demo-data", value = "true")
class DemoData implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  static final String PASSWORD = "demo-losenord-2026";

  private final Homes homes;
  private final Children children;
  private final Recipients recipients;
  private final ManagingUsers users;
  private final DemoHistory history;
  private final ChildPhotos photos;

  DemoData(
      Homes homes,
      Children children,
      Recipients recipients,
      ManagingUsers users,
      DemoHistory history,
      ChildPhotos photos) {
    this.photos = photos;
    this.homes = homes;
    this.children = children;
    this.recipients = recipients;
    this.users = users;
    this.history = history;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    if (!homes.list().isEmpty()) {
      return;
    }
    UUID tyreso =
        homes
            .create(
                new NewHome(
                    "HVB Solrosen",
                    "Bollmoravägen 10, Tyresö",
                    new GeoPoint(59.2435, 18.2290),
                    "+46701740640"))
            .id();
    UUID malmo =
        homes
            .create(
                new NewHome(
                    "HVB Hamnen",
                    "Stortorget 1, Malmö",
                    new GeoPoint(55.6050, 13.0038),
                    "+46701740641"))
            .id();

    UUID stockholmPolice =
        recipient(
            "Polisregion Stockholm, RLC",
            RecipientApi.Kind.POLICE,
            policeRegion("STOCKHOLM"),
            "+46701740605",
            "+46701740606");
    recipient(
        "Polisregion Syd, RLC",
        RecipientApi.Kind.POLICE,
        policeRegion("SYD"),
        "+46701740607",
        "+46701740608");
    UUID tyresoSocial =
        recipient(
            "Tyresö kommun, socialjouren",
            RecipientApi.Kind.SOCIAL_SERVICES,
            municipalities("0138"),
            "+46701740609");
    recipient(
        "Stockholms stad, socialjouren",
        RecipientApi.Kind.SOCIAL_SERVICES,
        municipalities("0180"),
        "+46701740610");
    recipient(
        "Malmö stad, socialjouren",
        RecipientApi.Kind.SOCIAL_SERVICES,
        municipalities("1280"),
        "+46701740611");
    recipient(
        "Migrationsverket, region Syd",
        RecipientApi.Kind.MIGRATION_AGENCY,
        new Coverage(null, List.of("12", "10", "07"), null, null, null, null),
        "+46701740612");
    recipient(
        "Jourhemmet Haninge",
        RecipientApi.Kind.SHELTER,
        new Coverage(null, null, null, null, new GeoPoint(59.17, 18.14), 8000L),
        "+46701740613");

    // A regional coordinator against trafficking for every police region (referrals).
    String[][] regions = {
      {"STOCKHOLM", "Stockholm"},
      {"MITT", "Mitt"},
      {"OST", "Öst"},
      {"SYD", "Syd"},
      {"VAST", "Väst"},
      {"BERGSLAGEN", "Bergslagen"},
      {"NORD", "Nord"}
    };
    UUID traffickingStockholm = null;
    for (int i = 0; i < regions.length; i++) {
      UUID id =
          recipient(
              "Regionkoordinator mot människohandel, region " + regions[i][1],
              RecipientApi.Kind.TRAFFICKING_COORDINATOR,
              policeRegion(regions[i][0]),
              "+4670174062" + i);
      if (i == 0) {
        traffickingStockholm = id;
      }
    }

    UserView coordinator = user("samordnare", Role.COORDINATOR, null, null, null);
    user("personal.solrosen", Role.HVB_STAFF, tyreso, null, null);
    user("personal.hamnen", Role.HVB_STAFF, malmo, null, null);
    // Bound to the recipient they act for: "Kvittera" on the web speaks for it.
    users.create(
        new NewUser(
            "polis.stockholm", PASSWORD, Role.POLICE, null, stockholmPolice, null, "STOCKHOLM"));
    users.create(
        new NewUser(
            "soc.tyreso", PASSWORD, Role.SOCIAL_SERVICES, null, tyresoSocial, "0138", null));
    user("forskare", Role.RESEARCHER, null, null, null);
    // Works in Stockholm's social services and is bound to the region's trafficking coordinator.
    users.create(
        new NewUser(
            "mh.stockholm",
            PASSWORD,
            Role.SOCIAL_SERVICES,
            null,
            traffickingStockholm,
            "0180",
            null));

    Caller as =
        new Caller(
            coordinator.id(), coordinator.username(), Role.COORDINATOR, null, null, null, null);
    child(
        as,
        DemoPortraits.AHMAD,
        tyreso,
        "Ahmad",
        "Karimi",
        List.of("Ahmed Karimi"),
        LocalDate.of(2010, 4, 2),
        ChildApi.Gender.MALE,
        "AF",
        "0138");
    child(
        as,
        DemoPortraits.MARIAM,
        tyreso,
        "Mariam",
        "Sultani",
        List.of(),
        LocalDate.of(2011, 9, 14),
        ChildApi.Gender.FEMALE,
        "AF",
        "0180");
    child(
        as,
        DemoPortraits.YONAS,
        malmo,
        "Yonas",
        "Tesfaye",
        List.of("Yonas Tesfay"),
        LocalDate.of(2009, 12, 30),
        ChildApi.Gender.MALE,
        "ER",
        "1280");
    // The year of history belongs to two closed homes in the same municipalities, so that the
    // staff of the open homes see only their own children.
    UUID formerTyreso =
        homes
            .create(
                new NewHome(
                    "HVB Linden (nedlagt)",
                    "Trollbäcksvägen 2, Tyresö",
                    new GeoPoint(59.2280, 18.2170),
                    null))
            .id();
    UUID formerMalmo =
        homes
            .create(
                new NewHome(
                    "HVB Kajen (nedlagt)",
                    "Hamngatan 4, Malmö",
                    new GeoPoint(55.6090, 12.9990),
                    null))
            .id();
    history.write(formerTyreso, 30, 1);
    homes.close(formerTyreso, java.time.LocalDate.of(2026, 6, 30));
    homes.close(formerMalmo, java.time.LocalDate.of(2026, 6, 30));
    history.write(formerMalmo, 25, 2);
    LOG.info(
        "Demo data loaded: users samordnare, personal.solrosen, personal.hamnen, polis.stockholm,"
            + " soc.tyreso, forskare, mh.stockholm with password {}",
        PASSWORD);
  }

  private static Coverage policeRegion(String code) {
    return new Coverage(null, null, code, null, null, null);
  }

  private static Coverage municipalities(String... codes) {
    return new Coverage(List.of(codes), null, null, null, null, null);
  }

  private UUID recipient(String name, RecipientApi.Kind kind, Coverage coverage, String... phones) {
    List<Contact> contacts = new java.util.ArrayList<>();
    for (int i = 0; i < phones.length; i++) {
      contacts.add(new Contact(i == 0 ? "Vakthavande" : "Reserv " + i, phones[i]));
    }
    return recipients
        .create(new RecipientRequest(name, kind, coverage, contacts, null, null, null))
        .id();
  }

  private UserView user(String name, Role role, UUID home, String municipality, String region) {
    return users.create(new NewUser(name, PASSWORD, role, home, null, municipality, region));
  }

  private void child(
      Caller as,
      DemoPortraits.Look look,
      UUID home,
      String given,
      String family,
      List<String> aliases,
      LocalDate born,
      ChildApi.Gender gender,
      String nationality,
      String responsible) {
    UUID id =
        children
            .register(
                as,
                new ChildProfile(
                    home,
                    given,
                    family,
                    aliases,
                    born,
                    null,
                    gender,
                    nationality,
                    List.of("prs"),
                    null,
                    "Demoprofil",
                    List.of(),
                    new ChildApi.Guardian("God man Demo", "+46701740614"),
                    responsible),
                "DEMO")
            .id();
    // A drawn figure, never a real child's face: the case page and the search sheet show it.
    photos.upload(
        as,
        id,
        DemoPortraits.png(look, gender == ChildApi.Gender.FEMALE),
        "image/png",
        LocalDate.of(2026, 9, 1),
        "DEMO");
  }
}
