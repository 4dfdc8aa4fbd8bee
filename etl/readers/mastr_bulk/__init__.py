"""Reader for the MaStR bulk export (``Gesamtdatenexport_YYYYMMDD_YY.N.zip``).

The export is one zip with one UTF-16 XML file per object type (large types
split into ``…_1.xml … _N.xml``). This reader streams the unit members
(wind, solar, biomass, hydro, storage) and then the storage plants straight
out of the zip, without unpacking to disk and without building a tree:

1. each member is inflated and decoded in chunks and split into records on the
   row end tag (``</EinheitSolar>``);
2. a block of records whose municipality keys are all written in the plain
   form ``<Gemeindeschluessel>12345678</Gemeindeschluessel>`` is filtered by a
   substring test on the region prefix; any record whose key is written in
   another way (entities, CDATA, whitespace, attributes, comments, absent …)
   is parsed in full and decided by its parsed key, so the filter is exact;
3. records in the region are parsed by element name (any order) with a strict
   regular expression for plain ``<Name>text</Name>`` children, falling back
   to lxml (entities, DTDs and network off) for anything else; a record that
   is not well-formed is reported with its element number and skipped. A
   Germany build keeps every record: a block is matched whole by a template
   learned from the member's own element order, and read record by record
   where it does not match;
4. catalogue ids are decoded with the zip's own ``Katalogwerte.xml``;
   values are typed and checked in batches by DuckDB (SQL generated from the
   reader's rules and the unit schema) and staged as Parquet files.

Members are read by a small pool of worker processes when the zip is large
(both cores of the target machine), else in the calling process. A truncated
zip (no central directory) is read member by member from its local headers;
damaged members load the records read before the damage. Members with a DTD
or entity declarations are refused unread (XXE, entity expansion).

Modules: :mod:`.members` (what the reader knows about the members),
:mod:`.records` (decode, split, parse records), :mod:`.scan` (one member:
region pre-filter and parsing), :mod:`.template` (a Germany build's blocks),
:mod:`.outcome` (a member's task and result, problems, key placement),
:mod:`.pool` (worker processes),
:mod:`.recovery` (truncated zips), :mod:`.catalog` (``Katalogwerte.xml``),
:mod:`.units_sql` (typing a batch in DuckDB) with :mod:`.unit_rules` (its findings
as SQL rules), :mod:`.frames` (raw columns
as Arrow arrays, and as a frame for the storage plants), :mod:`.storage` (storage kWh from the
plants), :mod:`.reader` (the main process and :func:`read`, the reader
contract of :mod:`etl.readers.base`).
"""

from etl.readers.mastr_bulk.members import SOURCE, classify_member
from etl.readers.mastr_bulk.reader import read
from etl.readers.mastr_bulk.records import CHUNK_BYTES

__all__ = ["CHUNK_BYTES", "SOURCE", "classify_member", "read"]
