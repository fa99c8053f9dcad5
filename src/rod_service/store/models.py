"""The register's tables (SQLAlchemy 2 typed mapping). Every change goes through alembic.

Persons: ``brp_persoon`` is the fake BRP copied from the reference data; ``persoon`` is
who ROD knows (identified through ROD, spec section 3 "Known to ROD"), with the
onderwijsnummers ROD issued in ``onderwijsnummer``. Deliveries are stored per full stand
(``inschrijving`` and ``examenresultaat`` with their children). ``bedrijfsdocument`` makes
requests idempotent, ``outbox`` holds pushes written in the same transaction as their
cause, ``audit`` records every request.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class BrpPersoonRij(Base):
    """A person of the fake BRP; ``gegevens`` holds the reference-data record as loaded."""

    __tablename__ = "brp_persoon"
    burgerservicenummer: Mapped[str] = mapped_column(String(9), primary_key=True)
    geboortedatum: Mapped[date] = mapped_column(Date)
    geslacht: Mapped[str] = mapped_column(String(1))
    postcode: Mapped[str | None] = mapped_column(String(10), index=True)
    gegevens: Mapped[dict] = mapped_column(JSON)
    __table_args__ = (Index("ix_brp_persoon_geboorte_geslacht", "geboortedatum", "geslacht"),)


class ReferentiedataDocument(Base):
    """The reference data in force (without ``personen``, which live in ``brp_persoon``),
    so every process of a scale-out reads the same. ``bron``: ``standaard`` (the shipped
    default, refreshed at start) or ``geladen`` (loaded by the CLI, admin API or --referentiedata)."""

    __tablename__ = "referentiedata"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document: Mapped[dict] = mapped_column(JSON)
    bron: Mapped[str] = mapped_column(String(20))
    geladen_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Dienststand(Base):
    """What every process of one deployment must agree on besides the store itself: the
    clock's fixed date (``serve --datum``, ``PUT /admin/datum``) and which reference data
    load is in force. Each has a version that goes up on every change; a process (a
    ``serve --workers`` worker, a replica) compares them with what it last read at the start
    of each unit of work and takes over what changed (bootstrap.Register.ververs)."""

    __tablename__ = "dienststand"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    datum_versie: Mapped[int] = mapped_column(Integer)
    vaste_datum: Mapped[date | None] = mapped_column(Date)
    referentiedata_versie: Mapped[int] = mapped_column(Integer)
    gewijzigd_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Persoon(Base):
    """A person known to ROD. ``burgerservicenummer`` is set when ROD knows the BSN; the
    identifying fields are those of the (last) uitgebreide set, for OWN re-matching."""

    __tablename__ = "persoon"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    burgerservicenummer: Mapped[str | None] = mapped_column(String(9), unique=True)
    geboortedatum: Mapped[date] = mapped_column(Date)
    geslacht: Mapped[str] = mapped_column(String(1))
    naamsleutel: Mapped[str | None] = mapped_column(String(200))
    voornaamsleutel: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    landcode: Mapped[str | None] = mapped_column(String(4))
    bekend_sinds: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    onderwijsnummers: Mapped[list["Onderwijsnummer"]] = relationship(back_populates="persoon")
    __table_args__ = (Index("ix_persoon_geboorte_geslacht", "geboortedatum", "geslacht"),)


class Onderwijsnummer(Base):
    """An onderwijsnummer ROD issued; re-pointed to the BSN person when the pupil later
    turns out to have one (ID51 with huidigOnderwijsnummer)."""

    __tablename__ = "onderwijsnummer"
    nummer: Mapped[str] = mapped_column(String(9), primary_key=True)
    persoon_id: Mapped[int] = mapped_column(ForeignKey("persoon.id"), index=True)
    uitgegeven_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    persoon: Mapped[Persoon] = relationship(back_populates="onderwijsnummers")


class Inschrijving(Base):
    """One inschrijving as a full stand under persoon + brin + inschrijvingvolgnummer.
    ``standsleutel`` is a hash of the delivered stand, to tell "unchanged" from "changed"."""

    __tablename__ = "inschrijving"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    persoon_id: Mapped[int] = mapped_column(ForeignKey("persoon.id"), index=True)
    brin: Mapped[str] = mapped_column(String(4), index=True)
    inschrijvingvolgnummer: Mapped[str] = mapped_column(String(20))
    pgn_soort: Mapped[str] = mapped_column(String(20))
    pgn_nummer: Mapped[str] = mapped_column(String(9))
    administratie_oin: Mapped[str] = mapped_column(String(20))
    datum_inschrijving: Mapped[date] = mapped_column(Date)
    datum_uitschrijving: Mapped[date | None] = mapped_column(Date)
    standsleutel: Mapped[str] = mapped_column(String(64))
    opgeslagen_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    perioden: Mapped[list["InschrijvingPeriode"]] = relationship(
        cascade="all, delete-orphan", order_by="InschrijvingPeriode.datum_begin"
    )
    ontwikkelingsperspectieven: Mapped[list["Ontwikkelingsperspectief"]] = relationship(cascade="all, delete-orphan")
    verblijven: Mapped[list["VerblijfAndereInstelling"]] = relationship(cascade="all, delete-orphan")
    verzuimmeldingen: Mapped[list["Verzuimmelding"]] = relationship(cascade="all, delete-orphan")
    __table_args__ = (UniqueConstraint("persoon_id", "brin", "inschrijvingvolgnummer"),)


class InschrijvingPeriode(Base):
    __tablename__ = "inschrijving_periode"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inschrijving_id: Mapped[int] = mapped_column(ForeignKey("inschrijving.id", ondelete="CASCADE"), index=True)
    datum_begin: Mapped[date] = mapped_column(Date)
    onderwijsaanbieder: Mapped[str | None] = mapped_column(String(7))
    onderwijslocatie: Mapped[str | None] = mapped_column(String(7))
    opleidingcode: Mapped[str] = mapped_column(String(4))
    vestiging: Mapped[str] = mapped_column(String(6))
    leerjaar: Mapped[int | None] = mapped_column(Integer)
    indicatie_bekostigbaar: Mapped[bool] = mapped_column(Boolean)
    indicatie_nieuwkomersbekostiging: Mapped[bool | None] = mapped_column(Boolean)
    aanvullende_opleidingen: Mapped[list] = mapped_column(JSON, default=list)
    experimenten: Mapped[list] = mapped_column(JSON, default=list)
    opleidingskenmerken: Mapped[list] = mapped_column(JSON, default=list)


class Ontwikkelingsperspectief(Base):
    __tablename__ = "ontwikkelingsperspectief"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inschrijving_id: Mapped[int] = mapped_column(ForeignKey("inschrijving.id", ondelete="CASCADE"), index=True)
    datum_begin: Mapped[date] = mapped_column(Date)
    datum_eind: Mapped[date | None] = mapped_column(Date)


class VerblijfAndereInstelling(Base):
    __tablename__ = "verblijf_andere_instelling"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inschrijving_id: Mapped[int] = mapped_column(ForeignKey("inschrijving.id", ondelete="CASCADE"), index=True)
    datum_begin: Mapped[date] = mapped_column(Date)
    datum_eind: Mapped[date | None] = mapped_column(Date)
    brin: Mapped[str] = mapped_column(String(4))
    vestiging: Mapped[str | None] = mapped_column(String(6))
    verblijfsoort: Mapped[str] = mapped_column(String(10))


class Verzuimmelding(Base):
    __tablename__ = "verzuimmelding"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inschrijving_id: Mapped[int] = mapped_column(ForeignKey("inschrijving.id", ondelete="CASCADE"), index=True)
    datum_begin: Mapped[date] = mapped_column(Date)
    datum_eind: Mapped[date | None] = mapped_column(Date)


class Examenresultaat(Base):
    """One examenresultaat as a full stand under persoon + brin + examenresultaatvolgnummer.
    ``stand`` keeps the delivered cijferlijsten and herkansingen as the contract has them."""

    __tablename__ = "examenresultaat"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    persoon_id: Mapped[int] = mapped_column(ForeignKey("persoon.id"), index=True)
    brin: Mapped[str] = mapped_column(String(4), index=True)
    examenresultaatvolgnummer: Mapped[str] = mapped_column(String(20))
    inschrijvingvolgnummer: Mapped[str | None] = mapped_column(String(20))
    pgn_soort: Mapped[str] = mapped_column(String(20))
    pgn_nummer: Mapped[str] = mapped_column(String(9))
    onderwijsaanbieder: Mapped[str | None] = mapped_column(String(7))
    vestiging: Mapped[str] = mapped_column(String(6))
    examenregime: Mapped[int] = mapped_column(Integer)
    niveau: Mapped[str] = mapped_column(String(10))
    datum_uitslag: Mapped[date | None] = mapped_column(Date)
    resultaat: Mapped[str | None] = mapped_column(String(10))
    stand: Mapped[dict] = mapped_column(JSON)
    standsleutel: Mapped[str] = mapped_column(String(64))
    opgeslagen_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    vakken: Mapped[list["Examenvak"]] = relationship(cascade="all, delete-orphan")
    __table_args__ = (UniqueConstraint("persoon_id", "brin", "examenresultaatvolgnummer"),)


class Examenvak(Base):
    """One vak of a cijferlijst, flattened for queries (KWC, RO); the full stand is in
    ``examenresultaat.stand``."""

    __tablename__ = "examenvak"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    examenresultaat_id: Mapped[int] = mapped_column(ForeignKey("examenresultaat.id", ondelete="CASCADE"), index=True)
    opleidingcode: Mapped[str] = mapped_column(String(4))
    vakcode: Mapped[str] = mapped_column(String(10))
    examendeel: Mapped[str] = mapped_column(String(20))
    eindcijfer: Mapped[int | None] = mapped_column(Integer)
    eindbeoordeling: Mapped[str | None] = mapped_column(String(1))


class Verwijdering(Base):
    """Audit trail of deleted stands (aanleverenVerwijdering*): what was removed, by whom."""

    __tablename__ = "verwijdering"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    soort: Mapped[str] = mapped_column(String(20))
    brin: Mapped[str] = mapped_column(String(4))
    volgnummer: Mapped[str] = mapped_column(String(20))
    persoon_id: Mapped[int] = mapped_column(Integer)
    administratie_oin: Mapped[str] = mapped_column(String(20))
    stand: Mapped[dict] = mapped_column(JSON)
    verwijderd_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Bedrijfsdocument(Base):
    """A processed request (idempotency, spec section 3): same id + same payload returns
    ``antwoord`` again; same id + other payload is AL05."""

    __tablename__ = "bedrijfsdocument"
    verzendende_instantie: Mapped[str] = mapped_column(String(20), primary_key=True)
    identificatiecode: Mapped[str] = mapped_column(String(36), primary_key=True)
    operatie: Mapped[str] = mapped_column(String(60))
    payload_hash: Mapped[str] = mapped_column(String(64))
    antwoord: Mapped[bytes] = mapped_column(LargeBinary)
    ontvangen_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OutboxBericht(Base):
    """A push to a LAS endpoint, written in the same transaction as its cause (section 12).

    ``status`` is one of the states in ``rod_service.outbox.toestanden`` (nieuw, opnieuw,
    bezorgd, dood), where each state is documented with its legal transitions.
    ``identificatiecode`` and ``message_id`` are fixed at insert and kept on every retry
    and replay, so a LAS can deduplicate. ``claim``/``geclaimd_tot`` is a dispatcher's
    lease while it delivers: not a state, so a crashed worker's claim simply runs out.
    ``reeks_begin_op`` starts the current delivery series (insert, or the last replay):
    the age limit counts from there. ``fout_soort`` classifies ``laatste_fout``
    (``tijdelijk`` or ``afgewezen``, the flagged kind).
    """

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    administratie_oin: Mapped[str] = mapped_column(String(20), index=True)
    operatie: Mapped[str] = mapped_column(String(60))
    identificatiecode: Mapped[str] = mapped_column(String(36), unique=True)
    message_id: Mapped[str] = mapped_column(String(60))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(10), default="nieuw")
    pogingen: Mapped[int] = mapped_column(Integer, default=0)
    volgende_poging_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    laatste_fout: Mapped[str | None] = mapped_column(Text)
    fout_soort: Mapped[str | None] = mapped_column(String(12))
    request_id: Mapped[str | None] = mapped_column(String(40))
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reeks_begin_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    laatste_poging_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    bezorgd_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claim: Mapped[str | None] = mapped_column(String(36))
    geclaimd_tot: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        Index("ix_outbox_status_volgende", "status", "volgende_poging_op"),
        # the claim's queue heads (administratie, state, lowest id); with ``pogingen`` the
        # queue status counts and sums per administratie and state from this index alone
        Index("ix_outbox_administratie_status", "administratie_oin", "status", "id", "pogingen"),
        # only messages with an error: the queue status's last error per administratie
        Index("ix_outbox_laatste_fout", "administratie_oin", "laatste_poging_op",
              sqlite_where=text("laatste_fout IS NOT NULL"), postgresql_where=text("laatste_fout IS NOT NULL")),
    )


class OutboxOntvanger(Base):
    """Per administratie, what ops changed at runtime for its pushes: an endpoint that
    overrides the reference data's (``PUT /admin/administraties/{oin}/endpoint``; NULL =
    no override) and a pause (``rod-service queue pause``). In the store, not in a
    process's memory, so serve and every ``dispatch`` worker see the same."""

    __tablename__ = "outbox_ontvanger"
    administratie_oin: Mapped[str] = mapped_column(String(20), primary_key=True)
    endpoint: Mapped[str | None] = mapped_column(String(500))
    gepauzeerd: Mapped[bool] = mapped_column(Boolean, default=False)
    gewijzigd_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Audit(Base):
    """Every accepted and refused request (spec section 13): who, what, when, outcome."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tijdstip: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    request_id: Mapped[str] = mapped_column(String(40))
    oin: Mapped[str | None] = mapped_column(String(20), index=True)
    certificaat_oin: Mapped[str | None] = mapped_column(String(20))
    operatie: Mapped[str | None] = mapped_column(String(60))
    identificatiecode: Mapped[str | None] = mapped_column(String(36))
    brin: Mapped[str | None] = mapped_column(String(4))
    pgn_gemaskeerd: Mapped[str | None] = mapped_column(String(12))
    uitkomst: Mapped[str] = mapped_column(String(12))
    signaalcodes: Mapped[str] = mapped_column(String(400), default="")
    duur_ms: Mapped[float | None]


# --- overviews and kwaliteitscontrole (spec sections 8, 9, 11 /bestanden) -----------------


class OboOverzicht(Base):
    """Every OBO made (aanvragenOBOVO): the records file as delivered, kept for the next
    OBO's verschillenlijst of the same schooljaar. ``datum`` is the service clock's day;
    (brin, datum) is unique: at most one OBO per school per day (OB02), also under races."""

    __tablename__ = "obo"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brin: Mapped[str] = mapped_column(String(4))
    schooljaar: Mapped[str] = mapped_column(String(9))
    datum: Mapped[date] = mapped_column(Date)
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    bestandsnaam: Mapped[str] = mapped_column(String(255))
    inhoud: Mapped[bytes] = mapped_column(LargeBinary)
    __table_args__ = (
        UniqueConstraint("brin", "datum"),
        Index("ix_obo_brin_schooljaar", "brin", "schooljaar", "id"),
    )


class KwcToestand(Base):
    """What one weekly KWC run leaves for the next, per school, code and subject
    (``sleutel``): when a signal was first raised and on which stand (``kenmerk``), for the
    120-day rule of KW05/KW06; and the KW27 peil (results that had an uitslag)."""

    __tablename__ = "kwc_toestand"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brin: Mapped[str] = mapped_column(String(4))
    code: Mapped[str] = mapped_column(String(8))
    sleutel: Mapped[str] = mapped_column(String(80))
    kenmerk: Mapped[str] = mapped_column(String(64))
    eerst_gezien: Mapped[date] = mapped_column(Date)
    laatst_gezien: Mapped[date] = mapped_column(Date)
    __table_args__ = (UniqueConstraint("brin", "code", "sleutel"),)


class KwcRun(Base):
    """One KWC run of one school: the counts the dashboard shows, kept as history for the
    chart of the last weeks."""

    __tablename__ = "kwc_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brin: Mapped[str] = mapped_column(String(4))
    datum: Mapped[date] = mapped_column(Date)
    uitgevoerd_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    tellingen: Mapped[dict] = mapped_column(JSON)
    inschrijvingen_1okt: Mapped[int] = mapped_column(Integer)
    met_nieuwe_periode: Mapped[int] = mapped_column(Integer)
    __table_args__ = (Index("ix_kwc_run_brin_datum", "brin", "datum"),)


class Overzichtbestand(Base):
    """A generated file of a school (KWC CSV, dashboard HTML/PDF, RO, OBO, verschillenlijst),
    listed and served under ``/bestanden/{brin}``; kept 90 days (handbook 000 ch. 15)."""

    __tablename__ = "bestand"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brin: Mapped[str] = mapped_column(String(4))
    soort: Mapped[str] = mapped_column(String(20))
    naam: Mapped[str] = mapped_column(String(255))
    inhoud: Mapped[bytes] = mapped_column(LargeBinary)
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    __table_args__ = (UniqueConstraint("brin", "naam"),)
